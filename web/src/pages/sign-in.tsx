// Sign-in: the user pastes the server's token (from `<data dir>/token`); it is checked with
// one API call and kept in sessionStorage only.
import { useState } from "preact/hooks";
import { ApiError, createHttp } from "../api/http.js";
import { saveToken } from "../session.js";

export function SignIn({
  expired,
  onSignedIn,
}: {
  expired: boolean;
  onSignedIn: (token: string) => void;
}) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | undefined>(
    expired ? "The server refused the token. Sign in again." : undefined,
  );
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const given = token.trim();
    if (given === "") return setError("Paste the server's token.");
    setBusy(true);
    try {
      // Any authenticated read proves the token; the pool list is the cheapest one.
      await createHttp(given, () => undefined).json("GET", "/pools?maxresults=1");
      saveToken(given);
      onSignedIn(given);
    } catch (caught) {
      const refused = caught instanceof ApiError && caught.status === 401;
      setError(refused ? "The server refused this token." : (caught as Error).message);
      setBusy(false);
    }
  };
  return (
    <main id="main" class="sign-in">
      <h1>Sign in to Sluice</h1>
      <form onSubmit={submit}>
        <label for="token">Server token</label>
        <input
          id="token"
          type="password"
          value={token}
          onInput={(event) => setToken((event.target as HTMLInputElement).value)}
          autocomplete="off"
          aria-describedby="token-help"
          aria-invalid={error !== undefined}
          required
        />
        <p id="token-help" class="muted">
          The token is in the server's data directory, in the file <code>token</code> (by default{" "}
          <code>.sluice/token</code>). It stays in this tab only.
        </p>
        {error !== undefined && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
