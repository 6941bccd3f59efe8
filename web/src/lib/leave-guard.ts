import { NavigationType, type UNSAFE_createBrowserHistory } from 'react-router';

type History = ReturnType<typeof UNSAFE_createBrowserHistory>;

/** Answers whether the page may be left now (it may ask the reader first). */
type LeaveGuard = () => boolean;

let guard: LeaveGuard | null = null;

/** The page that holds unsaved work sets a guard while it does, and clears it (`null`) after. */
export function setLeaveGuard(next: LeaveGuard | null): void {
  guard = next;
}

const mayLeave = () => !guard || guard();

/**
 * The router's history, asking the guard before every navigation inside the app: links and
 * `navigate()` (push, replace) are not carried out, Back and Forward are undone. The app's router
 * is the declarative one, whose `useBlocker` needs a data router; that router would add more to
 * the first visit than the budget has room for, and this is all the editor needs of it.
 */
export function guardHistory<H extends History>(history: H): H {
  let undoing = false;
  const guarded: H = Object.create(history);
  guarded.push = (to, state) => {
    if (mayLeave()) history.push(to, state);
  };
  guarded.replace = (to, state) => {
    if (mayLeave()) history.replace(to, state);
  };
  guarded.listen = (listener) =>
    history.listen((update) => {
      if (undoing) undoing = false;
      else if (update.action !== NavigationType.Pop || !update.delta || mayLeave()) listener(update);
      else {
        undoing = true;
        history.go(-update.delta);
      }
    });
  return guarded;
}
