import { packageVersion } from './package-version.ts';
import { runCli } from './run-cli.ts';

const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') {
  // On its own, before parsing: `--version V` is also an option of `ack` and `draft`.
  process.stdout.write(`${packageVersion()}\n`);
} else {
  process.exitCode = await runCli(argv, {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
}
