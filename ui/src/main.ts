import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { CaseListState } from "./lib/caseListState.svelte";
import { markEngine, startEarly } from "./lib/startup";

// Marks the start bench reads (performance.getEntriesByType("mark")).
performance.mark("saksbok:script");
markEngine(document.documentElement, navigator.userAgent);
startEarly(new CaseListState().query(0));
const target = document.getElementById("app");
if (!target) throw new Error("#app manglar i index.html");

export default mount(App, { target });
