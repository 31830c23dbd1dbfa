import type { UserView } from "@/lib/data/users";
import type { SortLink } from "@/lib/lists/page";
import { SortableHeader } from "./lists/sortable-header";
import { splitDateTime } from "./format";
import { UserRow } from "./user-row";

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
    <div className="table-scroll" tabIndex={0}>
      <table className="users-table">
        <thead>
          <tr>
            <SortableHeader label="Name" sort={sortLinks.name} />
            <SortableHeader label="E-mail" sort={sortLinks.email} />
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <SortableHeader label="Created" sort={sortLinks.created} />
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
