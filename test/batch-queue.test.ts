import { describe, expect, it } from 'vitest';
import { BatchQueue, type Batch } from '../src/engine/thread-pool.js';

function drain(queue: BatchQueue): Batch[] {
  const batches: Batch[] = [];
  for (let batch = queue.take(); batch; batch = queue.take()) batches.push(batch);
  return batches;
}

describe('BatchQueue', () => {
  it('hands out every file once, in runs of neighbours that shrink as the work runs out', () => {
    const batches = drain(new BatchQueue(400, 2));
    expect(batches.map((batch) => batch.size)).toEqual([
      40, 40, 40, 35, 31, 27, 24, 21, 18, 16, 14, 12, 11, 9, 8, 7, 6, 6, 5, 4, 4, 4, 4, 4, 4, 4, 2,
    ]);
    batches.forEach((batch, index) => expect(batch.start).toBe(index === 0 ? 0 : batches[index - 1]!.start + batches[index - 1]!.size));
    expect(batches.reduce((sum, batch) => sum + batch.size, 0)).toBe(400);
  });

  it('hands out again, first, the batches a dead worker gave back', () => {
    const queue = new BatchQueue(100, 2);
    const first = queue.take()!;
    const second = queue.take()!;
    queue.giveBack([first, second]);
    expect([queue.take(), queue.take()]).toEqual([second, first]);
    expect(queue.take()).toEqual({ start: 24, size: 10 });
  });
});
