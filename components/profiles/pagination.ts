/** Page arithmetic for server-paginated tables. Pages are 1-based; an empty list still has page 1. */
export type PageInfo = { page: number; pageCount: number; hasPrevious: boolean; hasNext: boolean; firstRow: number; lastRow: number };

export function pageInfo(total: number, page: number, pageSize: number): PageInfo {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, page), pageCount);
  const firstRow = total === 0 ? 0 : (current - 1) * pageSize + 1;
  return {
    page: current,
    pageCount,
    hasPrevious: current > 1,
    hasNext: current < pageCount,
    firstRow,
    lastRow: Math.min(total, current * pageSize),
  };
}
