// E-mail addresses as chips: typed text becomes a chip on Enter, comma, space or leaving the
// field; a mistyped address stays in the field with a message instead of disappearing.
import { useId, useState } from 'react';
import { isEmail } from '../../src-shared/email';

export function EmailChips({
  label,
  value,
  onChange,
  max = 50,
  hint,
}: {
  label: string;
  value: string[];
  onChange(next: string[]): void;
  max?: number;
  hint?: string;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const id = useId();
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;

  function commit(raw: string): boolean {
    const parts = raw
      .split(/[\s,;]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (parts.length === 0) return true;
    const bad = parts.filter((p) => !isEmail(p));
    const good = parts.filter((p) => isEmail(p) && !value.some((v) => v.toLowerCase() === p.toLowerCase()));
    if (value.length + good.length > max) {
      setError(`At most ${max} addresses.`);
      return false;
    }
    if (good.length) onChange([...value, ...good]);
    if (bad.length) {
      setText(bad.join(', '));
      setError(`"${bad[0]}" is not a valid e-mail address. Fix it or remove it.`);
      return false;
    }
    setText('');
    setError(undefined);
    return true;
  }

  return (
    <div className="field chips-field">
      <label htmlFor={id}>{label}</label>
      <div className={`chips ${error ? 'invalid' : ''}`}>
        {value.map((email) => (
          <span className="chip" key={email}>
            {email}
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove ${email} from ${label}`}
              onClick={() => onChange(value.filter((v) => v !== email))}
            >
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          type="text"
          inputMode="email"
          autoComplete="off"
          spellCheck={false}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={[error ? errId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined}
          onChange={(e) => {
            const v = e.target.value;
            if (/[,;\s]$/.test(v)) commit(v);
            else {
              setText(v);
              if (error) setError(undefined);
            }
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && text.trim()) {
              e.preventDefault();
              commit(text);
            } else if (e.key === 'Backspace' && text === '' && value.length) {
              onChange(value.slice(0, -1));
            }
          }}
          onBlur={() => commit(text)}
          onPaste={(e) => {
            const pasted = e.clipboardData.getData('text');
            if (/[\s,;]/.test(pasted.trim())) {
              e.preventDefault();
              commit(text + pasted);
            }
          }}
        />
      </div>
      {hint && (
        <div id={hintId} className="hint">
          {hint}
        </div>
      )}
      {error && (
        <div id={errId} className="field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
