import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { markDataArrived, useRenderTiming } from './render-timing';

describe('render timing', () => {
  afterEach(() => vi.restoreAllMocks());
  it('measures once, from the data arriving to the commit that shows it', () => {
    const measure = vi.spyOn(performance, 'measure').mockImplementation(() => ({}) as PerformanceMeasure);
    const first = { items: [1, 2] };
    const { rerender } = renderHook(({ data, ready }) => useRenderTiming('list', 'k', data, ready, { rows: 2 }), {
      initialProps: { data: undefined as unknown, ready: true },
    });
    expect(measure).not.toHaveBeenCalled();
    markDataArrived('k');
    rerender({ data: first, ready: false }); // a placeholder (the previous query's data) is not it
    expect(measure).not.toHaveBeenCalled();
    rerender({ data: first, ready: true });
    expect(measure).toHaveBeenCalledTimes(1);
    expect(measure.mock.calls[0][0]).toBe('list');
    expect(measure.mock.calls[0][1]).toMatchObject({ detail: { rows: 2 } });
    rerender({ data: first, ready: true });
    rerender({ data: { items: [3] }, ready: true }); // new data without an arrival mark: nothing
    expect(measure).toHaveBeenCalledTimes(1);
  });
  it('ignores arrivals for other keys', () => {
    const measure = vi.spyOn(performance, 'measure').mockImplementation(() => ({}) as PerformanceMeasure);
    markDataArrived('other');
    renderHook(() => useRenderTiming('list', 'k2', { items: [] }, true, {}));
    expect(measure).not.toHaveBeenCalled();
  });
});
