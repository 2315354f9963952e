// Who may write. Mutations call assertCanWrite first, before reading their input, so a refused caller
// learns nothing and changes nothing. The rule lives in server/auth.ts (one rule for the whole API): an editor
// key, or, with TG_ALLOW_WRITES=true, an anonymous caller on a loopback connection (local development only).
// The Apollo plugin in server/hardening.ts applies it to every mutation operation before any resolver runs;
// calling it again here keeps each resolver safe on its own.
export { assertCanWrite } from '../server/auth.js';
