// Starts a real Tidemark sandbox (the built launcher, no simulated traders) on a free port for a test
// file, and makes funded accounts on it. The repository's ./tidemark must have been built (mvn package
// of the app module; `mvn -B verify` does it before this package's tests run).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import tidemark from '../index.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const READY_TIMEOUT_MS = 120_000;

function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.unref();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

export class Sandbox {
    static async start() {
        const port = await freePort();
        const dataDir = mkdtempSync(join(tmpdir(), 'tidemark-ccxt-'));
        const child = spawn(join(REPO_ROOT, 'tidemark'), ['sandbox', '--port', String(port), '--data-dir', dataDir, '--no-sim'], {
            cwd: REPO_ROOT,
            env: { ...process.env, TIDEMARK_NO_BUILD: '1' },
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (chunk) => { output += chunk; });
        child.stderr.on('data', (chunk) => { output += chunk; });
        const sandbox = new Sandbox(child, port, dataDir);
        const deadline = Date.now() + READY_TIMEOUT_MS;
        while (!(await sandbox.answersPing())) {
            if (child.exitCode !== null || Date.now() > deadline) {
                await sandbox.stop();
                throw new Error('the sandbox did not answer GET /v1/ping on port ' + port + ':\n' + output);
            }
            await new Promise((resolve) => setTimeout(resolve, 200));
        }
        return sandbox;
    }

    constructor(child, port, dataDir) {
        this.child = child;
        this.port = port;
        this.dataDir = dataDir;
        this.rest = 'http://127.0.0.1:' + port + '/v1';
    }

    async answersPing() {
        try {
            return (await fetch(this.rest + '/ping')).status === 200;
        } catch {
            return false;
        }
    }

    /** A new funded sandbox account (POST /v1/sandbox/accounts with these options): its key and secret. */
    async account(options = {}) {
        const response = await fetch(this.rest + '/sandbox/accounts', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(options),
        });
        const body = await response.json();
        if (response.status !== 200) {
            throw new Error('sandbox account: ' + response.status + ' ' + JSON.stringify(body));
        }
        return body.data;
    }

    /** The ccxt class pointed at this sandbox, signing with a new account's key. */
    async exchange(options = {}, config = {}) {
        const account = await this.account(options);
        return new tidemark({ apiKey: account.key, secret: account.secret, urls: { api: { rest: this.rest } }, ...config });
    }

    async stop() {
        if (this.child.exitCode === null && this.child.signalCode === null) {
            const exited = new Promise((resolve) => this.child.once('exit', resolve));
            this.child.kill('SIGTERM');
            const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
            await exited;
            clearTimeout(timer);
        }
        rmSync(this.dataDir, { recursive: true, force: true });
    }
}
