import bcrypt from "bcryptjs";
import { randomBytes } from "node:crypto";

const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** A one-time password for an invited member: readable, 16 characters, ~95 bits. */
export function generateOneTimePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(16);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

/**
 * A hash to compare against when the email is unknown, so a sign-in for a missing account
 * costs the same time as one with a wrong password.
 */
export const DUMMY_HASH = bcrypt.hashSync("switchboard-timing-equaliser", COST);
