import { authenticatorIsmg, authenticatorSource, sameDigest } from '../protocol/authenticator';
import { mmddhhmmss } from '../protocol/china-time';
import { CMPP_VERSION_2_0, ConnectStatus } from '../protocol/constants';
import { Pdu } from '../protocol/pdu.types';
import { Settings } from './client-settings';
import { CmppConnection } from './cmpp-connection';
import { CmppAuthError } from './errors';

/** CONNECT on a fresh connection; resolves on CONNECT_RESP OK from a gateway that proved it knows the secret. */
export function loginSession(conn: CmppConnection, o: Pick<Settings, 'host' | 'port' | 'spId' | 'secret' | 'connectTimeoutMs'>, now: Date): Promise<void> {
  const ts = mmddhhmmss(now);
  const auth = authenticatorSource(o.spId, o.secret, ts);
  return new Promise<void>((resolve, reject) => {
    let socketError = '';
    const onSocketError = (err: Error) => (socketError = err.message);
    const done = (err?: Error) => {
      clearTimeout(timer);
      conn.off('pdu', onPdu);
      conn.off('close', onClose);
      conn.socket.off('error', onSocketError);
      if (err) reject(err);
      else resolve();
    };
    const timer = setTimeout(() => done(new Error(`no CONNECT_RESP from ${o.host}:${o.port} within ${o.connectTimeoutMs} ms`)), o.connectTimeoutMs);
    const onClose = () => done(new Error(`connection to ${o.host}:${o.port} closed during login${socketError ? `: ${socketError}` : ''}`));
    const onPdu = (p: Pdu) => {
      if (p.command !== 'CONNECT_RESP') return;
      if (p.status !== ConnectStatus.OK) return done(new CmppAuthError(p.status));
      // the gateway proves it knows the secret too; a mismatch means we reached an impostor or a misconfigured peer
      if (!sameDigest(p.authenticatorIsmg, authenticatorIsmg(p.status, auth, o.secret)))
        return done(new CmppAuthError(ConnectStatus.AUTH_FAILED, 'AuthenticatorISMG does not match the shared secret'));
      done();
    };
    conn.socket.on('error', onSocketError);
    conn.on('pdu', onPdu);
    conn.on('close', onClose);
    conn.send({ command: 'CONNECT', seq: conn.nextSeq(), sourceAddr: o.spId, authenticatorSource: auth, version: CMPP_VERSION_2_0, timestamp: Number(ts) });
  });
}
