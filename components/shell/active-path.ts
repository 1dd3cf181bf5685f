/** A section stays highlighted on its sub-pages (/journeys/abc, /admin/members…). */
export function isActivePath(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
