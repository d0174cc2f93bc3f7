import { benchSlackFanout } from "./slack-fanout.js";
await benchSlackFanout(process.env.DATABASE_URL);
