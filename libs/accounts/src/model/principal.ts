import { Role } from './roles';

/** The authenticated account behind a request: the actor of every change it makes. */
export interface Principal {
  accountId: number;
  username: string;
  displayName: string;
  role: Role;
  /** window number of a clerk (one-window), null elsewhere */
  windowNo: string | null;
  /** the session's id (SM3 of its token), for logout and revocation */
  sessionId: string;
  /** the account must change its password before anything else */
  mustChangePassword: boolean;
}
