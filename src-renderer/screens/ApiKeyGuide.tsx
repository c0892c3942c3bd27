// "Where is my API key?" in three pictures: profile picture → Profile settings → View API key.
export function ApiKeyGuide() {
  return (
    <details className="key-guide">
      <summary>Where is my API key?</summary>
      <ol className="guide-steps">
        <li>
          <figure>
            <svg viewBox="0 0 200 90" role="img" aria-label="Freshdesk top bar with your profile picture in the top right corner">
              <rect x="1" y="1" width="198" height="88" rx="6" className="g-frame" />
              <rect x="1" y="1" width="198" height="22" rx="6" className="g-bar" />
              <rect x="10" y="8" width="40" height="8" rx="2" className="g-muted" />
              <circle cx="182" cy="12" r="8" className="g-accent" />
              <circle cx="182" cy="12" r="12" className="g-ring" />
              <rect x="10" y="34" width="120" height="8" rx="2" className="g-muted" />
              <rect x="10" y="50" width="150" height="8" rx="2" className="g-muted" />
              <rect x="10" y="66" width="90" height="8" rx="2" className="g-muted" />
            </svg>
            <figcaption>
              Sign in to Freshdesk and click your <strong>profile picture</strong> (top right).
            </figcaption>
          </figure>
        </li>
        <li>
          <figure>
            <svg viewBox="0 0 200 90" role="img" aria-label="The profile menu with Profile settings highlighted">
              <rect x="1" y="1" width="198" height="88" rx="6" className="g-frame" />
              <rect x="90" y="8" width="100" height="74" rx="4" className="g-menu" />
              <rect x="98" y="16" width="60" height="7" rx="2" className="g-muted" />
              <rect x="94" y="30" width="92" height="16" rx="3" className="g-accent-soft" />
              <text x="100" y="42" className="g-text">
                Profile settings
              </text>
              <rect x="98" y="56" width="50" height="7" rx="2" className="g-muted" />
              <rect x="98" y="70" width="40" height="7" rx="2" className="g-muted" />
            </svg>
            <figcaption>
              Choose <strong>Profile settings</strong>.
            </figcaption>
          </figure>
        </li>
        <li>
          <figure>
            <svg viewBox="0 0 200 90" role="img" aria-label="The profile settings page with the View API key button on the right">
              <rect x="1" y="1" width="198" height="88" rx="6" className="g-frame" />
              <rect x="10" y="12" width="100" height="8" rx="2" className="g-muted" />
              <rect x="10" y="28" width="110" height="8" rx="2" className="g-muted" />
              <rect x="10" y="44" width="80" height="8" rx="2" className="g-muted" />
              <rect x="128" y="14" width="64" height="20" rx="4" className="g-accent" />
              <text x="135" y="28" className="g-text-on">
                View API key
              </text>
              <rect x="128" y="42" width="64" height="10" rx="2" className="g-ring-box" />
            </svg>
            <figcaption>
              Click <strong>View API key</strong>, complete the check, and copy the key. Paste it below.
            </figcaption>
          </figure>
        </li>
      </ol>
      <p className="hint">
        The key is your own: every call the app makes runs with your role in Freshdesk. It is stored encrypted on this computer and sent
        only to your helpdesk.
      </p>
    </details>
  );
}
