/**
 * The value of `work` if it settles within `ms`, else undefined (the work
 * goes on): how an adapter answers within a platform's deadline when it can,
 * and otherwise says it is working and delivers the outcome later. A
 * rejection within the time is thrown.
 */
export async function settleWithin<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
