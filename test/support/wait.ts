/** Polls until `get` returns something (a notifier sends in the background), with a deadline. */
export async function waitFor<T>(get: () => T | undefined, deadlineMs = 10_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('nothing arrived before the deadline');
    await new Promise((r) => setTimeout(r, 25));
  }
}
