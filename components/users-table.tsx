import type { UserView } from "@/lib/data/users";
import type { SortLink } from "@/lib/lists/page";
import { splitDateTime } from "./format";
import { UserRow } from "./user-row";
import { ScrollingTable, actionsColumn, sortableColumn } from "./scrolling-table";

export function UsersTable({
  users,
  actingUserId,
  sortLinks = {},
}: {
  users: UserView[];
  actingUserId: string;
  /** Column headers that sort the list, by the list's sort keys (name, email, created). */
  sortLinks?: Record<string, SortLink>;
}) {
  return (
    <ScrollingTable
      columns={[
        sortableColumn("Name", sortLinks.name),
        sortableColumn("E-mail", sortLinks.email),
        "Role",
        "Status",
        sortableColumn("Created", sortLinks.created),
        actionsColumn,
      ]}
      className="users-table"
      stackOnPhone
    >
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
