// @ts-check
import { healthRoutes } from './controllers/HealthController.js'
import { authRoutes } from './controllers/AuthController.js'
import { userRoutes } from './controllers/UsersController.js'
import { lessonRoutes } from './controllers/LessonsController.js'
import { progressRoutes } from './controllers/ProgressController.js'
import { uploadRoutes } from './controllers/UploadsController.js'
import { eventRoutes } from './controllers/EventsController.js'

/** @typedef {import('../../router.js').Route} Route */

/**
 * Every route of /api/v1 (openapi.yaml describes the same set). Order matters only where
 * two patterns could match the same path: the more specific one comes first.
 * @returns {Route[]}
 */
export function routes() {
  return [...healthRoutes(), ...authRoutes(), ...userRoutes(), ...lessonRoutes(), ...progressRoutes(), ...uploadRoutes(), ...eventRoutes()]
}
