import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { assertNoLeak, numTensors, tensorDelta } from '../../../src/train/memory';

describe('memory helpers', () => {
  it('counts tensors', async () => {
    const before = numTensors();
    const t = tf.ones([2]);
    expect(numTensors()).toBe(before + 1);
    t.dispose();
    expect(await tensorDelta(() => tf.tidy(() => tf.ones([3]).square().sum()).dispose())).toBe(0);
  });

  it('assertNoLeak passes clean code and names the leak otherwise', async () => {
    await expect(
      assertNoLeak(() => tf.tidy(() => tf.ones([2]).mul(2)).dispose()),
    ).resolves.toBeUndefined();
    let kept: tf.Tensor | null = null;
    await expect(
      assertNoLeak(
        async () => {
          kept = tf.ones([2]).mul(2); // leaks the ones() tensor and keeps the product
        },
        { label: 'my step' },
      ),
    ).rejects.toThrow(/my step leaked 2 tensor/);
    await expect(assertNoLeak(() => tf.zeros([1]), { allowed: 1 })).resolves.toBeInstanceOf(
      tf.Tensor,
    );
    (kept as tf.Tensor | null)?.dispose();
  });
});
