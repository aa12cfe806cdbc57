import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  if (process.env.KB_TEST_TMP) fs.rmSync(process.env.KB_TEST_TMP, { recursive: true, force: true });
}
