/**
 * next-auth configuration: email + password against the users table, JWT sessions (the
 * credentials provider requires them), the signed-in user's id carried in the token.
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { checkCredentials } from "./sign-in";

const CredentialsSchema = z.object({ email: z.string().email(), password: z.string().min(1).max(200) });

/** Thrown messages reach the client as `error` on signIn(); they never say which part was wrong. */
export const SIGN_IN_ERRORS = {
  invalid: "Wrong email or password.",
  rate_limited: "Too many failed sign-ins. Wait 15 minutes and try again.",
} as const;

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = CredentialsSchema.safeParse(credentials);
        if (!parsed.success) throw new Error(SIGN_IN_ERRORS.invalid);
        const result = await checkCredentials(getDb(), { ...parsed.data, ip: clientIp(req.headers ?? {}) });
        if (!result.ok) throw new Error(SIGN_IN_ERRORS[result.reason]);
        return result.user;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
};

function clientIp(headers: Record<string, unknown>): string {
  const forwarded = headers["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  const real = headers["x-real-ip"];
  return first || (typeof real === "string" ? real : "") || "local";
}
