import { describe, expect, it, vi } from 'vitest';
import { injectOnce } from './inject-once';

describe('injectOnce', () => {
  it('asks for the script once, however many callers wait for it', async () => {
    let loaded: { name: string } | undefined;
    const inject = vi.fn(async () => void (loaded = { name: 'layer' }));
    const get = injectOnce(() => loaded, inject);
    const [a, b] = await Promise.all([get(), get()]);
    expect(await get()).toBe(a);
    expect(b).toBe(a);
    expect(inject).toHaveBeenCalledTimes(1);
  });

  it('does not ask when the script is already there', async () => {
    const inject = vi.fn(async () => {});
    expect(await injectOnce(() => 'there', inject)()).toBe('there');
    expect(inject).not.toHaveBeenCalled();
  });

  it('asks again after a failed injection', async () => {
    let loaded: string | undefined;
    const inject = vi.fn().mockRejectedValueOnce(new Error('worker restarting')).mockImplementation(async () => void (loaded = 'layer'));
    const get = injectOnce(() => loaded, inject);
    expect(get.asked()).toBe(false);
    await expect(get()).rejects.toThrow('worker restarting');
    expect(get.asked()).toBe(false);
    expect(await get()).toBe('layer');
    expect(get.asked()).toBe(true);
    expect(inject).toHaveBeenCalledTimes(2);
  });

  it('fails, and asks again next time, when the injected script left nothing', async () => {
    let loaded: string | undefined;
    const inject = vi.fn().mockResolvedValueOnce(undefined).mockImplementation(async () => void (loaded = 'layer'));
    const get = injectOnce(() => loaded, inject);
    await expect(get()).rejects.toThrow('did not start');
    expect(await get()).toBe('layer');
  });
});
