// Domain parameters of the SM2 recommended curve (GB/T 32918.5), needed here only for range
// checks and point decompression; all point arithmetic is sm-crypto-v2's.

export const SM2_P = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF');
export const SM2_A = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC');
export const SM2_B = BigInt('0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93');
export const SM2_N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');

/** The default signer ID of GM/T 0009 (and of BouncyCastle, hutool, sm-crypto-v2). */
export const DEFAULT_SM2_USER_ID = '1234567812345678';

/** DER of OID 1.2.840.10045.2.1 (id-ecPublicKey), the algorithm OpenSSL writes for SM2 keys. */
export const OID_EC_PUBLIC_KEY = Buffer.from('06072a8648ce3d0201', 'hex');
/** DER of OID 1.2.156.10197.1.301 (the SM2 curve); some tools also use it as the algorithm. */
export const OID_SM2_CURVE = Buffer.from('06082a811ccf5501822d', 'hex');

export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

export function bigIntTo32(n: bigint): Buffer {
  return Buffer.from(n.toString(16).padStart(64, '0'), 'hex');
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result;
}

/**
 * y for a compressed point (prefix 02 = even y, 03 = odd y). p ≡ 3 (mod 4), so the square root
 * is a single exponentiation. Returns undefined when x is not on the curve.
 */
export function decompressY(x: bigint, odd: boolean): bigint | undefined {
  if (x >= SM2_P) return undefined;
  const rhs = (((x * x) % SM2_P) * x + SM2_A * x + SM2_B) % SM2_P;
  const y = modPow(rhs, (SM2_P + 1n) / 4n, SM2_P);
  if ((y * y) % SM2_P !== rhs) return undefined;
  return (y & 1n) === (odd ? 1n : 0n) ? y : (SM2_P - y) % SM2_P;
}
