import { type Credentials, describeError } from '../api/rest';
import { byId, h } from './dom';

const SANDBOX_KEY = 'tidemark.sandbox-key';
const SESSION_KEY = 'tidemark.key';

/** Where a key is kept: a sandbox account's in local storage (it survives a restart of the browser), a pasted one for this tab only. */
export const KeyStorage = {
  load(sandbox: boolean): { credentials: Credentials; where: 'local' | 'session' } | null {
    const session = parse(sessionStorage.getItem(SESSION_KEY));
    if (session) {
      return { credentials: session, where: 'session' };
    }
    const local = sandbox ? parse(localStorage.getItem(SANDBOX_KEY)) : null;
    return local ? { credentials: local, where: 'local' } : null;
  },
  saveSandbox(credentials: Credentials): void {
    localStorage.setItem(SANDBOX_KEY, JSON.stringify(credentials));
  },
  saveSession(credentials: Credentials): void {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(credentials));
  },
  clear(): void {
    sessionStorage.removeItem(SESSION_KEY);
    localStorage.removeItem(SANDBOX_KEY);
  },
};

function parse(text: string | null): Credentials | null {
  if (!text) {
    return null;
  }
  try {
    const value = JSON.parse(text) as Credentials;
    return typeof value.key === 'string' && typeof value.secret === 'string' ? value : null;
  } catch {
    return null;
  }
}

export interface AccountHost {
  sandbox(): boolean;
  createSandboxAccount(): Promise<void>;
  useKey(credentials: Credentials): Promise<void>;
  signOut(): void;
}

export const LOCAL_WARNING = '⚠ This sandbox key lives in this browser\'s local storage: anyone using this browser profile can trade with it. Sign out removes it.';
export const SESSION_NOTE = 'The key lives in this tab\'s session storage only: it is gone when the tab closes.';

/** The top bar's account corner: sign-up (sandbox), "use an existing key", or the key in use and Sign out. */
export class AccountBar {
  private readonly body = byId('account');
  private readonly dialog: HTMLDialogElement;
  private readonly key = h('input', { id: 'signin-key', autocomplete: 'off', spellcheck: 'false', placeholder: 'tmk_…' });
  private readonly secret = h('input', { id: 'signin-secret', type: 'password', autocomplete: 'off', placeholder: 'tms_…' });
  private readonly error = h('div', { class: 'message error', role: 'alert' });

  constructor(private readonly host: AccountHost) {
    const submit = h('button', { type: 'submit', class: 'btn' }, 'Sign in');
    const cancel = h('button', { type: 'button', class: 'btn secondary', onclick: () => this.dialog.close() }, 'Close');
    const form = h('form', { class: 'signin', method: 'dialog' },
      h('h2', { id: 'signin-title' }, 'Use an existing key'),
      h('label', { for: 'signin-key' }, 'API key'), this.key,
      h('label', { for: 'signin-secret' }, 'Secret'), this.secret,
      h('div', { class: 'hint' }, SESSION_NOTE), this.error,
      h('div', { class: 'options' }, cancel, submit));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      this.error.textContent = '';
      try {
        await this.host.useKey({ key: this.key.value.trim(), secret: this.secret.value.trim() });
        this.secret.value = '';
        this.dialog.close();
      } catch (e) {
        this.error.textContent = e instanceof Error ? e.message : String(e);
      }
    });
    this.dialog = h('dialog', { class: 'signin-dialog', 'aria-labelledby': 'signin-title' }, form);
    document.body.append(this.dialog);
  }

  render(key: string | null, where: 'local' | 'session' | null): void {
    if (key) {
      this.body.replaceChildren(
        h('span', { class: 'key', title: where === 'local' ? LOCAL_WARNING : SESSION_NOTE }, `${key.slice(0, 12)}…`),
        h('button', { type: 'button', class: 'btn secondary', onclick: () => this.host.signOut() }, 'Sign out'));
      return;
    }
    const parts: HTMLElement[] = [];
    if (this.host.sandbox()) {
      const create = h('button', { type: 'button', class: 'btn', title: LOCAL_WARNING }, 'Create sandbox account');
      const failure = h('span', { class: 'message error', role: 'alert' });
      create.addEventListener('click', async () => {
        create.disabled = true;
        failure.textContent = '';
        try {
          await this.host.createSandboxAccount();
        } catch (e) {
          create.disabled = false;
          // e.g. the sign-up limit of 60 a minute per address
          failure.textContent = describeError(e);
        }
      });
      parts.push(failure, create);
    }
    parts.push(h('button', { type: 'button', class: 'btn secondary', onclick: () => this.dialog.showModal() },
      'Use an existing key'));
    this.body.replaceChildren(...parts);
  }
}
