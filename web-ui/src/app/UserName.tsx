// A user's name from their id, fetched once per id and page load (sessions carry only createdBy).
import { useEffect, useState } from "react";
import { get } from "../api/client";
import type { User } from "../api/types";

const names = new Map<string, Promise<string>>();

function nameOf(id: string): Promise<string> {
  let name = names.get(id);
  if (!name) {
    name = get<User>(`/api/users/${id}`).then(
      (user) => user.name,
      () => "someone",
    );
    names.set(id, name);
  }
  return name;
}

export function UserName({ id }: { id: string }) {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let stale = false;
    void nameOf(id).then((n) => !stale && setName(n));
    return () => {
      stale = true;
    };
  }, [id]);
  return <span>{name ?? "…"}</span>;
}
