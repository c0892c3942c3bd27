// A labelled form field with its inline error and hint, wired for screen readers.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

type Common = { label: string; error?: string; hint?: ReactNode; required?: boolean };

/** The ids and aria attributes one control needs, and the shell (label, hint, error) around it. */
function useField({ label, error, hint, required }: Common) {
  const id = useId();
  const describedBy = [error ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const control = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': required || undefined,
  } as const;
  const shell = (input: ReactNode) => (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required && <span className="required"> (required)</span>}
      </label>
      {input}
      {hint && (
        <div id={`${id}-hint`} className="hint">
          {hint}
        </div>
      )}
      {error && (
        <div id={`${id}-err`} className="field-error" data-testid="field-error">
          {error}
        </div>
      )}
    </div>
  );
  return { control, shell };
}

export function TextField({ label, error, hint, required, ...rest }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const { control, shell } = useField({ label, error, hint, required });
  return shell(<input {...control} {...rest} />);
}

export function TextArea({ label, error, hint, required, ...rest }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { control, shell } = useField({ label, error, hint, required });
  return shell(<textarea {...control} {...rest} />);
}

export function SelectField({ label, error, hint, children, ...rest }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const { control, shell } = useField({ label, error, hint });
  return shell(
    <select {...control} {...rest}>
      {children}
    </select>,
  );
}

/** `<option>`s for a value → label table (statuses, priorities). */
export function labelOptions(labels: Record<string | number, string>): ReactNode {
  return Object.entries(labels).map(([v, l]) => (
    <option key={v} value={v}>
      {l}
    </option>
  ));
}

/** Errors Freshdesk reported on fields this form has no input for, by field name. */
export function OtherFieldErrors({ errors, shown }: { errors: Record<string, string>; shown: readonly string[] }) {
  return (
    <>
      {Object.entries(errors)
        .filter(([k]) => !shown.includes(k))
        .map(([k, m]) => (
          <p key={k} className="field-error" data-testid="field-error">
            {k}: {m}
          </p>
        ))}
    </>
  );
}
