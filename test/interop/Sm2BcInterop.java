// BouncyCastle side of test/gm-crypto-interop.e2e-spec.ts, compiled with javac at test time
// against Debian's /usr/share/java/bcprov.jar. Works on files in one directory:
//   in:  priv.hex, pub.hex (04||X||Y), msg.bin, ours-c1c3c2.bin, ours-c1c2c3.bin (0x04-prefixed), ours-sig.der
//   out: bc-plain-c1c3c2.bin, bc-plain-c1c2c3.bin  our ciphertexts decrypted by SM2Engine
//        bc-cipher-c1c3c2.bin                       msg encrypted by SM2Engine (Mode.C1C3C2)
//        bc-sig.der                                 msg signed by SM2Signer (default ID, DER)
//        bc-verify.txt                              "<our signature> <our signature on a changed message>"
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.util.encoders.Hex;

public class Sm2BcInterop {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        X9ECParameters x9 = GMNamedCurves.getByName("sm2p256v1");
        ECDomainParameters domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
        ECPrivateKeyParameters priv = new ECPrivateKeyParameters(new BigInteger(read(dir, "priv.hex").trim(), 16), domain);
        ECPublicKeyParameters pub = new ECPublicKeyParameters(x9.getCurve().decodePoint(Hex.decode(read(dir, "pub.hex").trim())), domain);
        byte[] msg = Files.readAllBytes(dir.resolve("msg.bin"));
        SecureRandom rnd = new SecureRandom();

        Files.write(dir.resolve("bc-plain-c1c3c2.bin"), crypt(SM2Engine.Mode.C1C3C2, false, priv, Files.readAllBytes(dir.resolve("ours-c1c3c2.bin"))));
        Files.write(dir.resolve("bc-plain-c1c2c3.bin"), crypt(SM2Engine.Mode.C1C2C3, false, priv, Files.readAllBytes(dir.resolve("ours-c1c2c3.bin"))));
        Files.write(dir.resolve("bc-cipher-c1c3c2.bin"), crypt(SM2Engine.Mode.C1C3C2, true, new ParametersWithRandom(pub, rnd), msg));

        SM2Signer signer = new SM2Signer(); // SM3, ID 1234567812345678, DER output
        signer.init(true, new ParametersWithRandom(priv, rnd));
        signer.update(msg, 0, msg.length);
        Files.write(dir.resolve("bc-sig.der"), signer.generateSignature());

        byte[] ourSig = Files.readAllBytes(dir.resolve("ours-sig.der"));
        byte[] changed = Arrays.copyOf(msg, msg.length + 1);
        Files.writeString(dir.resolve("bc-verify.txt"), verify(pub, msg, ourSig) + " " + verify(pub, changed, ourSig));
    }

    private static byte[] crypt(SM2Engine.Mode mode, boolean encrypt, CipherParameters key, byte[] in) throws Exception {
        SM2Engine engine = new SM2Engine(mode);
        engine.init(encrypt, key);
        return engine.processBlock(in, 0, in.length);
    }

    private static boolean verify(ECPublicKeyParameters pub, byte[] msg, byte[] sig) {
        SM2Signer verifier = new SM2Signer();
        verifier.init(false, pub);
        verifier.update(msg, 0, msg.length);
        return verifier.verifySignature(sig);
    }

    private static String read(Path dir, String name) throws Exception {
        return new String(Files.readAllBytes(dir.resolve(name)), StandardCharsets.US_ASCII);
    }
}
