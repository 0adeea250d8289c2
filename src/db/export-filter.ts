/**
 * What an export keeps: the record sets of one workspace (its own and those of the channels it
 * shares with other organisations), or every record set; from one moment on.
 */
export type ExportFilter = { teamIds: string[] | undefined; since: Date | undefined };
