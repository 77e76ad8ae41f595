import { describe, expect, it } from 'vitest';
import { createLifetime } from './lifetime';

describe('createLifetime', () => {
  it('runs guarded calls while connected, and stops everything, last added first, on the first call after', () => {
    let connected = true;
    const log: string[] = [];
    const life = createLifetime(() => connected);
    life.add(() => log.push('stop selection'));
    life.add(() => log.push('stop navigation'));
    const onSelect = life.guard((text: string) => log.push(`select ${text}`));
    onSelect('a');
    connected = false;
    onSelect('b');
    onSelect('c');
    expect(log).toEqual(['select a', 'stop navigation', 'stop selection']);
  });

  it('undoes at once what is added after it stopped, and keeps going past an undo that throws', () => {
    const log: string[] = [];
    const life = createLifetime(() => true);
    life.add(() => log.push('first'));
    life.add(() => {
      throw new Error('gone');
    });
    life.stop();
    expect(log).toEqual(['first']);
    life.add(() => log.push('late'));
    expect(log).toEqual(['first', 'late']);
    life.guard(() => log.push('called'))();
    expect(log).toEqual(['first', 'late']);
  });
});
