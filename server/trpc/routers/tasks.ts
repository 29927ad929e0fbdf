import "server-only";
import { z } from "zod";
import { deleteTask } from "@/server/tasks/delete-task";
import { listTasks } from "@/server/tasks/list-tasks";
import { saveTask } from "@/server/tasks/save-task";
import { taskInput } from "@/server/tasks/task-input";
import { loadTask, presentTask } from "@/server/tasks/task-record";
import { protectedProcedure, router } from "../init";

const id = z.string().min(1).max(64);

export const tasksRouter = router({
  list: protectedProcedure.query(({ ctx }) => listTasks(ctx.db)),
  get: protectedProcedure.input(z.object({ taskId: id })).query(async ({ ctx, input }) => presentTask(await loadTask(ctx.db, input.taskId))),
  create: protectedProcedure.input(taskInput).mutation(({ ctx, input }) => saveTask(ctx.db, input)),
  update: protectedProcedure.input(z.object({ taskId: id, task: taskInput })).mutation(({ ctx, input }) => saveTask(ctx.db, input.task, input.taskId)),
  delete: protectedProcedure.input(z.object({ taskId: id })).mutation(({ ctx, input }) => deleteTask(ctx.db, input.taskId)),
});
