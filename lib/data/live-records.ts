// What "live" means for records that hang from a source. A source's deletion (deleteSource) writes only the source
// row, so its statements, their codings, reviews and evidence stay unmarked: every read and every write that takes
// one of them as a reference checks the source too, through these. (The dashboard reads the codings' own copy,
// statementLive, kept by trigger: prisma/sql/stance-coding-read-model.sql.)

/** A statement neither deleted itself nor in a deleted source. */
export const liveStatementWhere = { deletedAt: null, source: { deletedAt: null } } as const;

/** A coding that is not deleted, of a live statement. */
export const liveCodingWhere = { deletedAt: null, statement: liveStatementWhere } as const;

/** An evidence row that is not deleted, on an event or on a live statement (an event's deletion is checked apart). */
export const liveEvidenceWhere = { deletedAt: null, OR: [{ statementId: null }, { statement: liveStatementWhere }] };
