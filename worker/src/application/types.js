// @ts-check
/**
 * Shared JSDoc types of the application layer.
 * @typedef {import('../domain/policies/AccessPolicy.js').Principal} Principal
 * @typedef {import('../infrastructure/cache/CachedUserRepository.js').CachedUserRepository} UserRepo
 * @typedef {import('../infrastructure/cache/CachedLessonRepository.js').CachedLessonRepository} LessonRepo
 * @typedef {import('../infrastructure/repositories/D1ProgressRepository.js').D1ProgressRepository} ProgressRepo
 * @typedef {import('../infrastructure/repositories/D1UploadRepository.js').D1UploadRepository} UploadRepo
 * @typedef {import('../infrastructure/repositories/D1EventStore.js').D1EventStore} EventStore
 * @typedef {import('../infrastructure/messaging/EventBus.js').EventBus} EventBus
 * @typedef {import('../infrastructure/storage/R2StorageService.js').R2StorageService} Storage
 * @typedef {import('../infrastructure/cache/LessonContentCache.js').LessonContentCache} LessonContentCache
 * @typedef {import('./services/PasswordHasher.js').PasswordHasher} PasswordHasher
 * @typedef {import('../infrastructure/security/RateLimiter.js').RateLimiter} RateLimiter
 * @typedef {import('../infrastructure/security/SessionStore.js').SessionStore} SessionStore
 * @typedef {'createdAt'|'key'|'name'|'size'|'contentType'} UploadSort
 * @typedef {{prefix?: string, search?: string, contentType?: string, sort: UploadSort, descending: boolean,
 *   after?: {value: string|number, key: string}, limit: number}} UploadListQuery
 */
export {}
