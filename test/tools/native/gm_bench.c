/*
 * Native OpenSSL (libcrypto 3.x) baseline for test/tools/crypto-bench.ts: the same operations,
 * sizes and semantics as the TypeScript side, so the ratio compares like with like.
 *   sm2-encrypt / sm2-decrypt   EVP_PKEY_encrypt/decrypt with an SM2 key (GM/T 0009 DER ciphertext)
 *   sm2-sign / sm2-verify       EVP_DigestSign/Verify with SM3 and distid 1234567812345678 (Z + SM3 over the message)
 *   envelope-seal / -open       random SM4 key + IV, SM4-CBC over the payload, SM2 over the key
 *   sm3                         EVP_Digest with SM3
 * Usage: gm_bench <seconds per measurement> <op> <size> [<op> <size>...]
 * Prints one line per measurement: "<op> <size> <ops per second>".
 * Built at bench time: gcc -O2 gm_bench.c -lcrypto
 */
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char DIST_ID[] = "1234567812345678";

static void die(const char *what) {
    fprintf(stderr, "gm_bench: %s failed\n", what);
    ERR_print_errors_fp(stderr);
    exit(1);
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static EVP_PKEY *key;
static EVP_PKEY_CTX *enc_ctx, *dec_ctx;
static unsigned char *msg, *ct, *pt, *sig;
static size_t ct_len, sig_len;

static size_t sm2_encrypt(const unsigned char *in, size_t n, unsigned char *out) {
    size_t len = n + 200;
    if (EVP_PKEY_encrypt(enc_ctx, out, &len, in, n) <= 0) die("EVP_PKEY_encrypt");
    return len;
}

static size_t sm2_decrypt(const unsigned char *in, size_t n, unsigned char *out) {
    size_t len = n;
    if (EVP_PKEY_decrypt(dec_ctx, out, &len, in, n) <= 0) die("EVP_PKEY_decrypt");
    return len;
}

static void digest_init(EVP_MD_CTX *md, int sign) {
    EVP_PKEY_CTX *pctx = NULL;
    int ok = sign ? EVP_DigestSignInit_ex(md, &pctx, "SM3", NULL, NULL, key, NULL)
                  : EVP_DigestVerifyInit_ex(md, &pctx, "SM3", NULL, NULL, key, NULL);
    if (ok <= 0) die("EVP_DigestSign/VerifyInit_ex");
    /* as `openssl dgst -sigopt distid:...` does: after init, before the first update (Z is computed there) */
    if (EVP_PKEY_CTX_set1_id(pctx, DIST_ID, strlen(DIST_ID)) <= 0) die("EVP_PKEY_CTX_set1_id");
}

static size_t sm2_sign(EVP_MD_CTX *md, const unsigned char *in, size_t n, unsigned char *out) {
    size_t len = 80;
    EVP_MD_CTX_reset(md);
    digest_init(md, 1);
    if (EVP_DigestSign(md, out, &len, in, n) <= 0) die("EVP_DigestSign");
    return len;
}

static int sm2_verify(EVP_MD_CTX *md, const unsigned char *in, size_t n) {
    EVP_MD_CTX_reset(md);
    digest_init(md, 0);
    return EVP_DigestVerify(md, sig, sig_len, in, n) == 1;
}

static size_t sm4_cbc(int enc, const unsigned char *k, const unsigned char *iv, const unsigned char *in, size_t n, unsigned char *out) {
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int l1 = 0, l2 = 0;
    if (!c || EVP_CipherInit_ex(c, EVP_sm4_cbc(), NULL, k, iv, enc) != 1) die("EVP_CipherInit_ex(sm4-cbc)");
    if (EVP_CipherUpdate(c, out, &l1, in, (int)n) != 1 || EVP_CipherFinal_ex(c, out + l1, &l2) != 1) die("SM4-CBC");
    EVP_CIPHER_CTX_free(c);
    return (size_t)(l1 + l2);
}

/* envelope buffers: key ciphertext, IV, payload ciphertext */
static unsigned char env_key_ct[256], env_iv[16], *env_ct;
static size_t env_key_ct_len, env_ct_len;

static void envelope_seal(size_t n) {
    unsigned char k[16];
    if (RAND_bytes(k, 16) != 1 || RAND_bytes(env_iv, 16) != 1) die("RAND_bytes");
    env_ct_len = sm4_cbc(1, k, env_iv, msg, n, env_ct);
    env_key_ct_len = sm2_encrypt(k, 16, env_key_ct);
}

static void envelope_open(void) {
    unsigned char k[256];
    if (sm2_decrypt(env_key_ct, env_key_ct_len, k) != 16) die("envelope key length");
    sm4_cbc(0, k, env_iv, env_ct, env_ct_len, pt);
}

static double measure(const char *op, size_t n, double seconds, EVP_MD_CTX *md) {
    /* one untimed run prepares the inputs that the timed decrypt/verify/open runs consume */
    ct_len = sm2_encrypt(msg, n, ct);
    sig_len = sm2_sign(md, msg, n, sig);
    envelope_seal(n);
    if (sm2_decrypt(ct, ct_len, pt) != n || memcmp(pt, msg, n) != 0) die("self-check decrypt");
    if (!sm2_verify(md, msg, n)) die("self-check verify");
    long count = 0;
    double start = now(), elapsed;
    unsigned char digest[32];
    do {
        for (int i = 0; i < 4; i++, count++) {
            if (!strcmp(op, "sm2-encrypt")) sm2_encrypt(msg, n, ct);
            else if (!strcmp(op, "sm2-decrypt")) sm2_decrypt(ct, ct_len, pt);
            else if (!strcmp(op, "sm2-sign")) sm2_sign(md, msg, n, sig);
            else if (!strcmp(op, "sm2-verify")) { if (!sm2_verify(md, msg, n)) die("verify"); }
            else if (!strcmp(op, "envelope-seal")) envelope_seal(n);
            else if (!strcmp(op, "envelope-open")) envelope_open();
            else if (!strcmp(op, "sm3")) { if (EVP_Digest(msg, n, digest, NULL, EVP_sm3(), NULL) != 1) die("EVP_Digest"); }
            else { fprintf(stderr, "gm_bench: unknown op %s\n", op); exit(2); }
        }
        elapsed = now() - start;
    } while (elapsed < seconds);
    return count / elapsed;
}

int main(int argc, char **argv) {
    if (argc < 4 || (argc - 2) % 2 != 0) {
        fprintf(stderr, "usage: gm_bench <seconds> <op> <size> [<op> <size>...]\n");
        return 2;
    }
    double seconds = atof(argv[1]);
    size_t max = 0;
    for (int i = 2; i < argc; i += 2) if ((size_t)atol(argv[i + 1]) > max) max = (size_t)atol(argv[i + 1]);

    EVP_PKEY_CTX *kctx = EVP_PKEY_CTX_new_from_name(NULL, "SM2", NULL);
    if (!kctx || EVP_PKEY_keygen_init(kctx) <= 0 || EVP_PKEY_keygen(kctx, &key) <= 0) die("SM2 keygen");
    enc_ctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
    dec_ctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
    if (!enc_ctx || !dec_ctx || EVP_PKEY_encrypt_init(enc_ctx) <= 0 || EVP_PKEY_decrypt_init(dec_ctx) <= 0) die("SM2 encrypt/decrypt init");
    msg = malloc(max);
    ct = malloc(max + 200);
    pt = malloc(max + 200);
    env_ct = malloc(max + 32);
    sig = malloc(80);
    if (!msg || !ct || !pt || !env_ct || !sig || RAND_bytes(msg, (int)max) != 1) die("setup");
    EVP_MD_CTX *md = EVP_MD_CTX_new();

    for (int i = 2; i < argc; i += 2) {
        size_t n = (size_t)atol(argv[i + 1]);
        printf("%s %zu %.1f\n", argv[i], n, measure(argv[i], n, seconds, md));
        fflush(stdout);
    }
    return 0;
}
