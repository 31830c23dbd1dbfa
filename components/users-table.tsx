import type { UserView } from "@/lib/data/users";
import { splitDateTime } from "./format";
import { UserRow } from "./user-row";
import { ScrollingTable, actionsColumn } from "./scrolling-table";

export function UsersTable({ users, actingUserId }: { users: UserView[]; actingUserId: string }) {
  return (
    <ScrollingTable columns={["Name", "E-mail", "Role", "Status", "Created", actionsColumn]} className="users-table">
      {users.map((user) => (
        // Dates are formatted here, on the server, so the browser renders exactly the same text.
        <UserRow
          key={user.id}
          user={user}
          isSelf={user.id === actingUserId}
          createdAt={splitDateTime(user.createdAt).date}
          signInLockedUntil={user.signInLockedUntil ? splitDateTime(user.signInLockedUntil).time : null}
        />
      ))}
    </ScrollingTable>
  );
}
