// @ts-check
/** The audit actor of a principal. */
export function actorOf(/** @type {import('../domain/policies/AccessPolicy.js').Principal} */ who) {
  return { id: who.id, email: who.email }
}
