// The login page: username and password, a clear message on a wrong password or when too many attempts
// have locked the account for a while, then on to where the user was going (or their landing page). A plain
// form (no antd), so the page a leader opens from a link is light: each field names its own error, announced
// as it appears, and the first field in error takes the focus.

import type { LoginInput } from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, type RefObject, useId, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useNavigate } from "react-router";
import { isApiError } from "../../api/http";
import { sessionQuery, useLogin } from "../../api/session";
import type { SessionUser } from "../../api/types";
import { CloseCircleFilled } from "../../components/icons";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { useErrorMessage } from "../../components/useErrorMessage";
import { landingPath } from "../../lib/roles";
import { useIsClient } from "../../lib/useIsClient";
import { EyeInvisibleOutlined, EyeOutlined, LockOutlined, UserOutlined } from "./icons";

function destination(user: SessionUser, from: unknown): string {
  return typeof from === "string" && from.startsWith("/") && from !== "/" && !from.startsWith("/login")
    ? from
    : landingPath(user);
}

type Field = keyof LoginInput;

type FieldMessage = "login.usernameRequired" | "login.passwordRequired";

/** Each empty field's message: a username of spaces is empty too. */
function missing(values: LoginInput): Partial<Record<Field, FieldMessage>> {
  const errors: Partial<Record<Field, FieldMessage>> = {};
  if (!values.username.trim()) errors.username = "login.usernameRequired";
  if (!values.password) errors.password = "login.passwordRequired";
  return errors;
}

/** What was typed into the server's login form, and which of its fields had the focus. */
interface Typed {
  values: LoginInput;
  focused: Field | null;
  /** Read again when the app's form has replaced the server's: what was typed in between. */
  later: () => { values: LoginInput; focused: Field | null };
}

/**
 * What was typed into the server's login form before the app took over (and which field had the focus), so
 * replacing it loses nothing. Read while the app renders the page for the first time: the form is still there.
 * The takeover is a transition, so the user may go on typing into it until the commit: the inputs are kept and
 * read once more after it, and the field last focused is remembered.
 */
function typedBeforeTakeover(): Typed {
  const field = (name: Field) =>
    typeof document === "undefined"
      ? null
      : document.querySelector<HTMLInputElement>(`#root form[data-testid="login-form"] input[name="${name}"]`);
  const inputs = { username: field("username"), password: field("password") };
  const focusedNow = () =>
    (["username", "password"] as const).find((name) => {
      const input = inputs[name];
      return input != null && input === document.activeElement;
    }) ?? null;
  let focused = focusedNow();
  for (const name of ["username", "password"] as const) {
    inputs[name]?.addEventListener("focus", () => {
      focused = name;
    });
  }
  const values = () => ({ username: inputs.username?.value ?? "", password: inputs.password?.value ?? "" });
  return { values: values(), focused, later: () => ({ values: values(), focused }) };
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: unknown } | null)?.from;
  const session = useQuery(sessionQuery);
  const login = useLogin();
  const error = useLoginError(login.error);
  const [typed] = useState(typedBeforeTakeover);
  const [values, setValues] = useState<LoginInput>(typed.values);
  // In the server's page the form waits for the app: Enter does not send a form the page cannot handle yet.
  const ready = useIsClient();
  // Fields are checked once the form has been submitted, then as they change.
  const [checked, setChecked] = useState(false);
  const [showPassword, setShowPassword] = useState(false);
  const inputs = { username: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) };
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, right after the app's form replaced the server's
  useLayoutEffect(() => {
    const later = typed.later();
    if (later.values.username !== typed.values.username || later.values.password !== typed.values.password) {
      setValues(later.values);
    }
    if (later.focused) inputs[later.focused].current?.focus();
  }, []);

  if (session.data) return <Navigate to={destination(session.data, from)} replace />;

  const fieldErrors = checked ? missing(values) : {};
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    const errors = missing(values);
    const first = (["username", "password"] as const).find((field) => errors[field]);
    if (first) {
      inputs[first].current?.focus();
      return;
    }
    login.mutate(values, { onSuccess: ({ user }) => navigate(destination(user, from), { replace: true }) });
  };
  const field = (name: Field) => ({
    name,
    inputRef: inputs[name],
    value: values[name],
    onChange: (value: string) => setValues((previous) => ({ ...previous, [name]: value })),
    error: fieldErrors[name] && t(fieldErrors[name]),
  });

  return (
    <div className="login-page">
      <div className="login-language">
        <LanguageSwitch />
      </div>
      <main className="login-card">
        <div className="login-brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <div>
            <h1 className="login-title">{t("app.title")}</h1>
            <span className="muted">{t("app.subtitle")}</span>
          </div>
        </div>
        <form className="login-form" onSubmit={onSubmit} noValidate data-testid="login-form">
          <LoginField
            {...field("username")}
            label={t("login.username")}
            prefix={<UserOutlined className="input-prefix" />}
            autoComplete="username"
            autoFocus={typed.focused == null}
          />
          <LoginField
            {...field("password")}
            label={t("login.password")}
            prefix={<LockOutlined className="input-prefix" />}
            type={showPassword ? "text" : "password"}
            autoComplete="current-password"
            suffix={
              <button
                type="button"
                className="input-suffix-button"
                aria-label={t(showPassword ? "plain.hidePassword" : "plain.showPassword")}
                aria-pressed={showPassword}
                onClick={() => setShowPassword(!showPassword)}
              >
                {showPassword ? <EyeOutlined /> : <EyeInvisibleOutlined />}
              </button>
            }
          />
          {error && (
            <div className="alert alert-error login-error" role="alert" data-testid="login-error">
              <CloseCircleFilled className="alert-icon" />
              <div className="alert-content">{error}</div>
            </div>
          )}
          <button
            type="submit"
            className="btn btn-primary btn-block"
            disabled={!ready || login.isPending}
            aria-busy={login.isPending}
            data-testid="login-submit"
          >
            {login.isPending && <span className="spinner spinner-small" aria-hidden="true" />}
            {t("login.submit")}
          </button>
        </form>
      </main>
      <p className="login-footer muted">{t("app.footer")}</p>
    </div>
  );
}

/** The refusal in words: a wrong password, the lock-out and how long it lasts, or what else went wrong. */
function useLoginError(error: Error | null): string | null {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  if (!error) return null;
  if (isApiError(error, 401)) return t("login.wrongPassword");
  if (isApiError(error, 429)) {
    const minutes = Math.max(1, Math.ceil((error.retryAfter ?? 900) / 60));
    return t("login.tooMany", { minutes });
  }
  return errorMessage(error);
}

interface FieldProps {
  name: Field;
  label: string;
  value: string;
  onChange: (value: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  /** The field's message, read out when it appears. */
  error?: string;
  prefix: ReactNode;
  suffix?: ReactNode;
  type?: "text" | "password";
  autoComplete: string;
  autoFocus?: boolean;
}

/** A labelled input with its icon and, under it, its message (the input points to it). */
function LoginField({ name, label, value, onChange, inputRef, error, prefix, suffix, type, ...input }: FieldProps) {
  const id = useId();
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <span className={`input-box ${error ? "input-box-error" : ""}`}>
        {prefix}
        <input
          {...input}
          id={id}
          ref={inputRef}
          name={name}
          type={type ?? "text"}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          data-testid={`login-${name}`}
        />
        {suffix}
      </span>
      <div id={`${id}-error`} className="field-error" role={error ? "alert" : undefined}>
        {error}
      </div>
    </div>
  );
}
