import { createContext, useContext } from "react";
import type { User } from "../api/types";

export const MeContext = createContext<User | null>(null);

/** The signed-in user; only used below the signed-in shell. */
export function useMe(): User {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe outside the signed-in shell");
  return me;
}
