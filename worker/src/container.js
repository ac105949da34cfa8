// @ts-check
import { readConfig } from './config.js'
import { EventBus } from './infrastructure/messaging/EventBus.js'
import { KVCacheService } from './infrastructure/cache/KVCacheService.js'
import { R2StorageService } from './infrastructure/storage/R2StorageService.js'
import { D1EventStore } from './infrastructure/repositories/D1EventStore.js'
import { D1UserRepository } from './infrastructure/repositories/D1UserRepository.js'
import { D1LessonRepository } from './infrastructure/repositories/D1LessonRepository.js'
import { D1ProgressRepository } from './infrastructure/repositories/D1ProgressRepository.js'
import { D1UploadRepository } from './infrastructure/repositories/D1UploadRepository.js'
import { CachedUserRepository } from './infrastructure/cache/CachedUserRepository.js'
import { CachedLessonRepository } from './infrastructure/cache/CachedLessonRepository.js'
import { LessonContentCache } from './infrastructure/cache/LessonContentCache.js'
import { SessionStore } from './infrastructure/security/SessionStore.js'
import { RateLimiter, purgeStaleRateLimits } from './infrastructure/security/RateLimiter.js'
import { PasswordHasher } from './application/services/PasswordHasher.js'
import { JwtService } from './application/services/JwtService.js'
import { AuthService } from './application/services/AuthService.js'
import { CreateUserHandler } from './application/commands/handlers/CreateUserHandler.js'
import { UpdateUserHandler } from './application/commands/handlers/UpdateUserHandler.js'
import { DeleteUserHandler } from './application/commands/handlers/DeleteUserHandler.js'
import { CreateLessonHandler } from './application/commands/handlers/CreateLessonHandler.js'
import { UpdateLessonHandler } from './application/commands/handlers/UpdateLessonHandler.js'
import { DeleteLessonHandler } from './application/commands/handlers/DeleteLessonHandler.js'
import { PutLessonContentHandler } from './application/commands/handlers/PutLessonContentHandler.js'
import { UpsertProgressHandler } from './application/commands/handlers/UpsertProgressHandler.js'
import { DeleteProgressHandler } from './application/commands/handlers/DeleteProgressHandler.js'
import { BatchProgressHandler } from './application/commands/handlers/BatchProgressHandler.js'
import { UploadFileHandler } from './application/commands/handlers/UploadFileHandler.js'
import { DeleteUploadHandler } from './application/commands/handlers/DeleteUploadHandler.js'
import {
  CreateMultipartHandler, UploadPartHandler, CompleteMultipartHandler, AbortMultipartHandler,
} from './application/commands/handlers/MultipartHandlers.js'
import { GetUserHandler, GetCurrentUserHandler, ListUsersHandler, GetUserDashboardHandler } from './application/queries/handlers/UserQueries.js'
import { GetLessonHandler, ListLessonsHandler, GetLessonContentHandler } from './application/queries/handlers/LessonQueries.js'
import { ListProgressHandler, ProgressStatsHandler } from './application/queries/handlers/ProgressQueries.js'
import { ListUploadsHandler, DownloadUploadHandler } from './application/queries/handlers/UploadQueries.js'
import { ListEventsHandler } from './application/queries/handlers/ListEventsHandler.js'
import { ListUserSessionsHandler } from './application/queries/handlers/SessionQueries.js'
import { HousekeepingHandler } from './application/commands/handlers/HousekeepingHandler.js'
import { D1BlobReferences } from './infrastructure/repositories/D1BlobReferences.js'
import { EndUserSessionsHandler } from './application/commands/handlers/EndUserSessionsHandler.js'

/** @typedef {ReturnType<typeof createContainer>} Container */

/**
 * Builds the object graph for one request. Everything is cheap to construct; bindings are
 * the only shared state.
 * @param {import('./index.js').Env} env
 */
export function createContainer(env) {
  const config = readConfig(env)
  const eventBus = new EventBus()
  const cache = new KVCacheService(env.CACHE)
  const storage = new R2StorageService(env.UPLOADS)
  const eventStore = new D1EventStore(env.DB)

  const d1Lessons = new D1LessonRepository(env.DB, eventStore)
  const sessions = new SessionStore(env.CACHE, env.DB)
  const limiter = new RateLimiter(env.DB, { limit: config.loginRateLimit, windowSeconds: config.loginRateWindowSeconds })
  const userRepo = new CachedUserRepository(new D1UserRepository(env.DB, eventStore, sessions), cache)
  const lessonRepo = new CachedLessonRepository(d1Lessons, cache)
  const progressRepo = new D1ProgressRepository(env.DB, eventStore)
  const uploadRepo = new D1UploadRepository(env.DB, eventStore)
  const lessonContent = new LessonContentCache(cache, d1Lessons, storage)
  const hasher = new PasswordHasher(config.passwordHashIterations)

  // Write-through invalidation: any lesson change drops the KV tier of its content.
  eventBus.subscribe('lesson.*', (e) => lessonContent.invalidate(e.subjectId))
  // One structured log line per domain event (visible with `wrangler tail`).
  eventBus.subscribe('*', (e) => console.log(JSON.stringify({ event: e.type, subject: e.subjectId, actor: e.actor?.id ?? null })))

  const auth = new AuthService({
    users: userRepo, sessions, jwt: new JwtService(config.jwtSecret), hasher, limiter,
    eventStore, eventBus, tokenTtlSeconds: config.tokenTtlSeconds, refreshGraceSeconds: config.refreshGraceSeconds,
  })

  return {
    config,
    db: env.DB,
    eventBus,
    auth,
    commands: {
      createUser: new CreateUserHandler(userRepo, hasher, eventBus),
      updateUser: new UpdateUserHandler(userRepo, hasher, eventBus, limiter),
      deleteUser: new DeleteUserHandler(userRepo, eventBus),
      createLesson: new CreateLessonHandler(lessonRepo, eventBus),
      updateLesson: new UpdateLessonHandler(lessonRepo, eventBus),
      deleteLesson: new DeleteLessonHandler(lessonRepo, storage, eventBus),
      putLessonContent: new PutLessonContentHandler(lessonRepo, storage, eventBus),
      upsertProgress: new UpsertProgressHandler(progressRepo, userRepo, lessonRepo, eventBus),
      deleteProgress: new DeleteProgressHandler(progressRepo, userRepo, lessonRepo, eventBus),
      batchProgress: new BatchProgressHandler(progressRepo, eventBus),
      uploadFile: new UploadFileHandler(uploadRepo, storage, eventBus),
      deleteUpload: new DeleteUploadHandler(uploadRepo, storage, eventBus),
      createMultipart: new CreateMultipartHandler(uploadRepo, storage, eventBus, config.maxUploadBytes),
      uploadPart: new UploadPartHandler(uploadRepo, storage, eventBus, config.maxUploadBytes),
      completeMultipart: new CompleteMultipartHandler(uploadRepo, storage, eventBus, config.maxUploadBytes),
      housekeeping: new HousekeepingHandler({
        uploads: uploadRepo, storage, references: new D1BlobReferences(env.DB), sessions, cache,
        purgeRateLimits: () => purgeStaleRateLimits(env.DB, config.loginRateWindowSeconds), minAgeSeconds: config.housekeepingMinAgeSeconds,
      }),
      endUserSessions: new EndUserSessionsHandler(userRepo, sessions, eventStore, eventBus),
      abortMultipart: new AbortMultipartHandler(uploadRepo, storage, eventBus, config.maxUploadBytes),
    },
    queries: {
      me: new GetCurrentUserHandler(userRepo),
      getUser: new GetUserHandler(userRepo),
      listUsers: new ListUsersHandler(userRepo),
      userDashboard: new GetUserDashboardHandler(userRepo),
      getLesson: new GetLessonHandler(lessonRepo),
      listLessons: new ListLessonsHandler(lessonRepo),
      lessonContent: new GetLessonContentHandler(lessonContent),
      listProgress: new ListProgressHandler(progressRepo, config.progressMaxSortedRows),
      progressStats: new ProgressStatsHandler(progressRepo),
      listUploads: new ListUploadsHandler(uploadRepo),
      downloadUpload: new DownloadUploadHandler(uploadRepo, storage),
      listEvents: new ListEventsHandler(eventStore),
      listUserSessions: new ListUserSessionsHandler(userRepo, sessions),
    },
  }
}
