import { Injectable } from '@nestjs/common';
import { Sm2CipherOptions } from './sm2-ciphertext.codec';
import { Sm2PrivateKey } from './sm2-private-key';
import { Sm2PublicKey } from './sm2-public-key';
import { Sm2SignOptions } from './sm2-signature.codec';
import { hmacSm3, sm3 } from './sm3-sm4';
import { openSm4Envelope, sealSm4Envelope, Sm4Envelope } from './sm4-envelope';

/**
 * The SM2/SM3/SM4 adapter services depend on. Register it as a provider (`providers: [GmCrypto]`)
 * and swap it in tests (`{ provide: GmCrypto, useValue: fake }`); every method delegates to the
 * functions and key classes of this library.
 */
@Injectable()
export class GmCrypto {
  sm2Encrypt(pub: Sm2PublicKey, plain: Buffer, opts?: Sm2CipherOptions): Buffer {
    return pub.encrypt(plain, opts);
  }

  sm2Decrypt(priv: Sm2PrivateKey, cipher: Buffer, opts?: Sm2CipherOptions): Buffer {
    return priv.decrypt(cipher, opts);
  }

  sign(priv: Sm2PrivateKey, message: Buffer, opts?: Sm2SignOptions): Buffer {
    return priv.sign(message, opts);
  }

  verify(pub: Sm2PublicKey, message: Buffer, signature: Buffer, opts?: Sm2SignOptions): boolean {
    return pub.verify(message, signature, opts);
  }

  sm3(data: Buffer | string): Buffer {
    return sm3(data);
  }

  hmacSm3(key: Buffer | string, data: Buffer | string): Buffer {
    return hmacSm3(key, data);
  }

  sealEnvelope(pub: Sm2PublicKey, plain: Buffer, opts?: Sm2CipherOptions): Sm4Envelope {
    return sealSm4Envelope(pub, plain, opts);
  }

  openEnvelope(priv: Sm2PrivateKey, env: Sm4Envelope, opts?: Sm2CipherOptions): Buffer {
    return openSm4Envelope(priv, env, opts);
  }
}
