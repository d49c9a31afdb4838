import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { eventually } from './eventually.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** `npm start` as an admin runs it, in a process of its own with the given environment (and no other): resolves once it listens. */
export async function startService(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await eventually(() => /"url":"http:\/\/127\.0\.0\.1:\d+"/.test(output) || child.exitCode !== null, 30_000);
  const listening = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
  if (!listening) throw new Error(`the service did not start:\n${output}`);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  return { child, url: listening[1]!, output: () => output, stop };
}
