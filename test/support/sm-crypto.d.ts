// Types for sm-crypto 0.5.8 (JuneAndGreen's original JS implementation on jsbn; it ships none),
// covering what the interop test uses. The package is a devDependency: only tests import it.
// The comments record how it reads its arguments, because that is where the interop traps are.
declare module 'sm-crypto' {
  /** Bytes: a Buffer, Uint8Array or number[] (copied into a plain array). */
  export type SmBytes = ArrayLike<number>;

  /**
   * 1 = C1C3C2 (the default), 0 = C1C2C3. It is compared with `=== 0`, so any other value —
   * '0', 'C1C2C3', 2 — silently means C1C3C2; hence a literal type here.
   */
  export type SmCipherMode = 0 | 1;

  export interface SmKeyPairHex {
    /** d, 64 lowercase hex digits (left-padded) */
    privateKey: string;
    /** '04' || X || Y, 130 lowercase hex digits */
    publicKey: string;
  }

  export interface SmRandomSource {
    nextBytes(bytes: number[]): void;
  }

  export interface SmSignOptions {
    /** DER SEQUENCE { r, s } instead of r || s (128 hex digits); default false */
    der?: boolean;
    /** e = SM3(Z || M) as GM/T 0009 requires; default true since 0.4.0 (false before: signs M itself) */
    hash?: boolean;
    /** saves deriving it from d for Z; '04'||X||Y, compressed, or X||Y */
    publicKey?: string;
    /** UTF-8, folded into Z; default '1234567812345678' (only when undefined: '' is an empty ID) */
    userId?: string;
  }

  export interface SmVerifyOptions {
    der?: boolean;
    hash?: boolean;
    userId?: string;
  }

  export namespace sm2 {
    /** Never with arguments here: they replace its CSPRNG (jsbn's `new BigInteger(a, b, c)`). */
    function generateKeyPairHex(): SmKeyPairHex;
    function generateKeyPairHex(bits: number, rng: SmRandomSource): SmKeyPairHex;
    /** '02'/'03' || X, from '04' || X || Y (throws on any other length) */
    function compressPublicKeyHex(publicKey: string): string;
    function comparePublicKeyHex(publicKey1: string, publicKey2: string): boolean;
    /** Only '04'||X||Y (130 digits) or '02'/'03'||X (66): X||Y without prefix is false. */
    function verifyPublicKey(publicKey: string): boolean;
    /** '04' || X || Y, lowercase */
    function getPublicKeyFromPrivateKey(privateKey: string): string;
    /**
     * Lowercase hex without the 0x04 before C1. A string message is encrypted as its UTF-8 (a hex
     * string is NOT decoded). Throws Error('Invalid public key') for a key verifyPublicKey refuses.
     * Encrypts an empty message too (C2 empty).
     */
    function doEncrypt(msg: string | SmBytes, publicKey: string, cipherMode?: SmCipherMode): string;
    /**
     * Hex (either case) without the 0x04 (C1 is read as the first 128 digits). Any failure —
     * wrong C3, C1 off the curve, wrong mode, a leading 04 — is answered with [] or '', not thrown.
     */
    function doDecrypt(encryptData: string, privateKey: string, cipherMode: SmCipherMode | undefined, options: { output: 'array' }): number[];
    /** The default output decodes the plaintext as UTF-8 and throws 'Malformed UTF-8 data' on binary data. */
    function doDecrypt(encryptData: string, privateKey: string, cipherMode?: SmCipherMode, options?: { output?: 'string' }): string;
    /** Lowercase hex. A string message is signed as its UTF-8 (a hex string is NOT decoded). */
    function doSignature(msg: string | SmBytes, privateKey: string, options?: SmSignOptions): string;
    /** false (never an exception) for a malformed signature or an unusable public key. */
    function doVerifySignature(msg: string | SmBytes, signHex: string, publicKey: string, options?: SmVerifyOptions): boolean;
  }

  export interface SmHmacOptions {
    mode?: 'hmac';
    /** a string key is HEX here (unlike the data, which is UTF-8 when a string) */
    key: string | SmBytes;
  }

  /** SM3 (or HMAC-SM3 with options) as lowercase hex; a string input is hashed as UTF-8. */
  export function sm3(input: string | SmBytes, options?: SmHmacOptions): string;

  export interface Sm4Options {
    /** default 'pkcs#7' ('pkcs#5' means the same) */
    padding?: 'pkcs#7' | 'pkcs#5' | 'none';
    /** anything but 'cbc' is ECB */
    mode?: 'cbc' | 'ecb';
    /** 16 bytes, or 32 hex digits; required for CBC */
    iv?: string | SmBytes;
  }

  export namespace sm4 {
    /** key: 16 bytes or 32 hex digits; a string input is UTF-8 */
    function encrypt(input: string | SmBytes, key: string | SmBytes, options: Sm4Options & { output: 'array' }): number[];
    /** lowercase hex */
    function encrypt(input: string | SmBytes, key: string | SmBytes, options?: Sm4Options & { output?: 'string' }): string;
    /** a string input is HEX here (unlike encrypt) */
    function decrypt(input: string | SmBytes, key: string | SmBytes, options: Sm4Options & { output: 'array' }): number[];
    /** the default output decodes the plaintext as UTF-8 */
    function decrypt(input: string | SmBytes, key: string | SmBytes, options?: Sm4Options & { output?: 'string' }): string;
  }
}
