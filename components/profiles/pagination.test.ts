import { describe, expect, it } from "vitest";
import { pageInfo } from "./pagination";

describe("pageInfo", () => {
  it.each([
    { total: 0, page: 1, size: 25, want: { page: 1, pageCount: 1, hasPrevious: false, hasNext: false, firstRow: 0, lastRow: 0 } },
    { total: 1, page: 1, size: 25, want: { page: 1, pageCount: 1, hasPrevious: false, hasNext: false, firstRow: 1, lastRow: 1 } },
    { total: 25, page: 1, size: 25, want: { page: 1, pageCount: 1, hasPrevious: false, hasNext: false, firstRow: 1, lastRow: 25 } },
    { total: 26, page: 1, size: 25, want: { page: 1, pageCount: 2, hasPrevious: false, hasNext: true, firstRow: 1, lastRow: 25 } },
    { total: 26, page: 2, size: 25, want: { page: 2, pageCount: 2, hasPrevious: true, hasNext: false, firstRow: 26, lastRow: 26 } },
    { total: 100, page: 2, size: 25, want: { page: 2, pageCount: 4, hasPrevious: true, hasNext: true, firstRow: 26, lastRow: 50 } },
    // A page past the end (rows deleted meanwhile) is clamped to the last page.
    { total: 30, page: 9, size: 25, want: { page: 2, pageCount: 2, hasPrevious: true, hasNext: false, firstRow: 26, lastRow: 30 } },
    { total: 30, page: 0, size: 25, want: { page: 1, pageCount: 2, hasPrevious: false, hasNext: true, firstRow: 1, lastRow: 25 } },
  ])("total $total, page $page of size $size", ({ total, page, size, want }) => {
    expect(pageInfo(total, page, size)).toEqual(want);
  });
});
