import { describe, expect, it } from 'vitest';
import { Scheduler, pageScheduler, type Pausable } from '../../../src/train/scheduler';

function fake(log: string[], name: string, scheduler: Scheduler): Pausable {
  const self: Pausable = {
    pause() {
      log.push(`pause ${name}`);
      scheduler.release(self);
    },
  };
  return self;
}

describe('Scheduler', () => {
  it('pauses the previous runner when another acquires', () => {
    const s = new Scheduler();
    const log: string[] = [];
    const a = fake(log, 'a', s);
    const b = fake(log, 'b', s);
    const changes: (Pausable | null)[] = [];
    s.subscribe((active) => changes.push(active));
    s.acquire(a);
    s.acquire(a);
    expect(log).toEqual([]);
    s.acquire(b);
    expect(log).toEqual(['pause a']);
    expect(s.current).toBe(b);
    s.release(a); // not the holder: nothing happens
    expect(s.current).toBe(b);
    s.pauseAll();
    expect(log).toEqual(['pause a', 'pause b']);
    expect(s.current).toBe(null);
    expect(changes).toEqual([a, b, null]);
  });

  it('exports one page-wide instance', () => {
    expect(pageScheduler).toBeInstanceOf(Scheduler);
  });
});
