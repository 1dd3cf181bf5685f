/**
 * Every graphile-worker task of the engine, by name. `return` = done, `throw` = retry; tasks
 * record permanent failures themselves instead of throwing them.
 */
import type { TaskList } from "graphile-worker";

export const taskList: TaskList = {};
