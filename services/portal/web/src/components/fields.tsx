import { type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes, useId } from 'react';

interface FieldFrame {
  label: ReactNode;
  /** The server's message for this field, shown under it and announced with it. */
  error?: string;
  hint?: ReactNode;
}

function describedBy(errorId: string | undefined, hintId: string | undefined): string | undefined {
  return [errorId, hintId].filter(Boolean).join(' ') || undefined;
}

function FieldNotes({ error, errorId, hint, hintId }: { error?: string; errorId: string; hint?: ReactNode; hintId: string }) {
  return (
    <>
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </>
  );
}

export function TextField({ label, error, hint, ...input }: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(error && errorId, hint ? hintId : undefined)} {...input} />
      <FieldNotes error={error} errorId={errorId} hint={hint} hintId={hintId} />
    </div>
  );
}

export function TextArea({ label, error, hint, ...textarea }: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(error && errorId, hint ? hintId : undefined)} {...textarea} />
      <FieldNotes error={error} errorId={errorId} hint={hint} hintId={hintId} />
    </div>
  );
}

export interface Choice {
  value: number;
  label: ReactNode;
}

/** A radio group (keyboard: arrows move within it) with its legend and the server's message for it. */
export function ChoiceGroup({
  legend,
  name,
  choices,
  value,
  onChange,
  error,
  disabled,
  required,
}: {
  legend: ReactNode;
  name: string;
  choices: Choice[];
  value: number | null;
  onChange(value: number): void;
  error?: string;
  disabled?: boolean;
  required?: boolean;
}) {
  const errorId = `${useId()}-error`;
  return (
    <fieldset className="choices" aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined} disabled={disabled}>
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label key={choice.value} className="choice">
          <input type="radio" name={name} value={choice.value} checked={value === choice.value} onChange={() => onChange(choice.value)} required={required} />
          <span>{choice.label}</span>
        </label>
      ))}
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </fieldset>
  );
}
