#include "CliOptions.h"

namespace edge::cli {

namespace {
const char *const Description = R"(Edge Admin on the command line: the embedded store without a window.

Where: the embedded store (--store PATH, default: the console's default store), a saved
connection profile (--profile NAME) or a Worker (--url https://HOST/api/v1). users, lessons,
progress and uploads commands work on all of them; against a Worker, sign in first with
login.

Commands:
  login --email E               sign in to the Worker (--url or --profile); the password is
                                read from stdin or asked without echo; the token is kept in
                                the keychain (never in a file)
  logout                        revoke the Worker session and delete the stored token
  profiles list                 the saved connection profiles
  profiles add NAME (--url URL [--email E] | --store PATH)
  profiles remove NAME          (and its stored token)
  migrate                       create the store or bring it up to date; list its migrations
  users list [--search S] [--page N] [--page-size N] [--sort F] [--desc] [--json]
                                one page of users (F: createdAt, email, username, role)
  users add --email E --username U --role R
                                add a user; the password is read from stdin when it is not
                                a terminal, otherwise asked twice without echo
  users show ID                 the user's dashboard: details, recent progress, totals
  users delete ID               delete the user and their progress
  users sessions ID             the user's live sign-in sessions on a Worker
  users end-sessions ID         sign the user out everywhere (a Worker's admins)
  lessons list [--search S] [--track T] [--status draft|published] [--difficulty N]
               [--sort F] [--order asc|desc] [--page N] [--page-size N] [--json]
                                one page of lessons (F: createdAt, updatedAt, title,
                                difficulty, track; newest first by default)
  lessons show ID [--json]      the lesson's details, whether it has content, its progress rows
  lessons add --title T --track K [--difficulty N] [--status draft|published]
  lessons update ID --version N [--title T] [--track K] [--difficulty N] [--status S]
                                change the fields given, if the lesson is still at version N
  lessons publish ID            make it visible to learners (unpublish ID: back to a draft)
  lessons delete ID [--yes]     delete the lesson, its content and its learners' progress
                                (asks first, reading the answer from stdin, unless --yes)
  lessons content get ID [--output FILE [--overwrite]]
                                the HTML, byte for byte, to stdout or a file
  lessons content put ID --file FILE|- [--version N]
                                replace the HTML (version: the lesson's current one unless
                                given); unsafe HTML (scripts, on...= handlers, javascript:
                                URLs) is stored as given, with a warning on stderr
  lessons export ID --output FILE|FOLDER [--overwrite]
  lessons export --track T --output FOLDER [--overwrite]
                                lessons as <slug>.lesson.json files (JSON: format,
                                formatVersion, title, track, difficulty, status,
                                exportedFrom, content); existing files are never replaced
                                without --overwrite
  lessons import FILE|FOLDER [--dry-run]
                                create or update lessons from .lesson.json files, matched by
                                track and title. Every file is checked first: each problem is
                                printed as file:line: field: problem and nothing is written.
                                A write failing midway, or Ctrl+C, undoes what the import
                                had written. --dry-run says what would change, writing nothing
  progress list [--user ID] [--lesson ID] [--track T] [--completed yes|no] [--min-score N]
                [--max-score N] [--from DATE] [--to DATE] [--search S] [--sort F] [--asc]
                [--limit N] [--json]
                                learners' progress, newest first (F: updatedAt, score,
                                completedAt, email, title); --from/--to: completion time
                                (a date alone is the whole day); --limit up to 10,000
  progress stats [--track T] [--completions day|week|month [--from DATE] [--to DATE]] [--json]
                                started, completed, completion rate and average score per
                                track (or per lesson of track T), and completions over time
  progress set USER LESSON [--completed yes|no] [--score N] [--completed-at TIME] [--version V]
                                correct (or create) one learner's progress on one lesson;
                                with --version, only if the row is still at version V
  progress reset USER LESSON [--yes]
                                delete the row (the learner starts afresh); asks first
                                unless --yes
  progress export FILE|- [list filters] [--overwrite]
                                the filtered rows as CSV (userId, lessonId, userEmail,
                                lessonTitle, track, completed, score, completedAt, updatedAt);
                                the file appears only when complete (Ctrl+C: no file)
  progress import FILE [--valid-only] [--dry-run]
                                rows from a CSV with userId, lessonId, completed, score and
                                optionally completedAt (other export columns ignored). The
                                whole file is checked first: each problem is printed as
                                file:line: field: problem and nothing is written, unless
                                --valid-only (the rows without problems are imported). All
                                or nothing; Ctrl+C stops with nothing written
  uploads list [--prefix P] [--search S] [--type T] [--sort F] [--desc] [--limit N] [--json]
                                stored files, newest first (F: createdAt, key, name, size,
                                contentType; other sorts ascending unless --desc); --search:
                                part of the key or name; --type: image/png or a family image/
  uploads put FILE... [--key K | --prefix P] [--content-type T] [--json]
                                upload files (key: --key, or --prefix + the file's name;
                                type: detected unless given); large files go in parts, and
                                an interrupted put run again with the same file and key
                                continues where it stopped; progress on a terminal, a line
                                per file otherwise
  uploads get KEY [--output PATH|-] [--range FIRST-LAST] [--overwrite]
                                download a file (default: its name in this folder), streamed;
                                the file appears only when complete
  uploads delete KEY... [--yes] delete files; asks first on a terminal, and refuses without
                                --yes otherwise
  seed-demo                     demo users of every role, lessons and progress
                                (refuses if the demo is already there)
  generate --users N --lessons N --progress N [--tracks N] [--seed S]
                                synthetic data for load checks (embedded stores only):
                                users (mostly learners), lessons (UUID ids, tracks,
                                difficulty 1-5, most published) and progress rows for
                                distinct (user, lesson) pairs of those; the same seed gives
                                the same rows. One transaction per phase; a line per phase
                                on stderr; Ctrl+C rolls back the unfinished phase whole
  generate-users N              add N synthetic users quickly (load checks), 10,000 per
                                transaction

Each command runs in one transaction (generate-users: one per 10,000 users; generate: one
per batch of 50,000 users or lessons, then one for every progress row, its indexes rebuilt
at the end), so an interrupted command leaves the store as it was before it (or before the
current batch).
lessons import writes lesson by lesson (a Worker has no transactions) and undoes its own
writes when it fails or is stopped; it reports anything it could not undo.

Exit codes:
  0  success
  1  the store cannot be used (not a store, read-only, newer version...), a file cannot be
     written, an import was stopped, a deletion was not confirmed, or another failure
  2  wrong usage or invalid input (including import files with problems); nothing was written
  3  not found
  4  conflict: email already used, record changed meanwhile, demo already seeded, a file
     already exists, the store holds two lessons an import cannot tell apart
  5  not signed in to the Worker, the sign-in expired, or a wrong password
  6  the signed-in role may not do this)";
} // namespace

void configureParser(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QString::fromUtf8(Description));
    parser.addHelpOption();
    // Not addVersionOption(): "--version N" is a lesson's version; main() prints the
    // program's version for "--version" (or "-v") given alone.
    parser.addOptions({
        {QStringLiteral("store"), QStringLiteral("The store file (default: the console's default store)."),
         QStringLiteral("path")},
        {QStringLiteral("url"), QStringLiteral("A Worker's API URL (https://..., or http:// to this machine)."),
         QStringLiteral("url")},
        {QStringLiteral("profile"), QStringLiteral("A saved connection profile (see 'profiles list')."),
         QStringLiteral("name")},
        {QStringLiteral("search"), QStringLiteral("users list: part of an email or username; lessons list: part "
                                                  "of a title; uploads list: part of a key or file name."), QStringLiteral("text")},
        {QStringLiteral("page"), QStringLiteral("users/lessons list: page number, from 1."), QStringLiteral("n")},
        {QStringLiteral("page-size"), QStringLiteral("users/lessons list: rows per page (1-200, default 50)."),
         QStringLiteral("n")},
        {QStringLiteral("sort"), QStringLiteral("users list: createdAt, email, username or role; lessons list: "
                                                "createdAt, updatedAt, title, difficulty or track; uploads list: createdAt, key, name, size or contentType."),
         QStringLiteral("field")},
        {QStringLiteral("desc"), QStringLiteral("users/lessons/uploads list: sort descending (default: ascending, "
                                                "except createdAt: newest first).")},
        {QStringLiteral("asc"), QStringLiteral("users/lessons list: sort ascending.")},
        {QStringLiteral("order"), QStringLiteral("lessons list: asc or desc (as --asc/--desc)."), QStringLiteral("order")},
        {QStringLiteral("json"), QStringLiteral("users list/show, lessons list/show/add/update/publish/unpublish, "
                                                "uploads list/put: print JSON instead of text.")},
        {QStringLiteral("title"), QStringLiteral("lessons add/update: the title."), QStringLiteral("text")},
        {QStringLiteral("track"), QStringLiteral("lessons add/update: the track; lessons list: only this track; "
                                                 "lessons export: every lesson of this track."),
         QStringLiteral("track")},
        {QStringLiteral("difficulty"), QStringLiteral("lessons add/update: 1 to 5; lessons list: only this one."),
         QStringLiteral("n")},
        {QStringLiteral("status"), QStringLiteral("lessons add/update: draft or published; lessons list: only "
                                                  "these."), QStringLiteral("status")},
        {QStringLiteral("version"), QStringLiteral("lessons update, content put: the lesson's version the change "
                                                   "is based on. Alone: this program's version."),
         QStringLiteral("n")},
        {QStringLiteral("yes"), QStringLiteral("lessons delete, progress reset, uploads delete: do not ask first.")},
        {QStringLiteral("output"), QStringLiteral("lessons content get, export, uploads get: the file (or folder) to write."),
         QStringLiteral("path")},
        {QStringLiteral("overwrite"), QStringLiteral("lessons content get, export, uploads get: replace existing files.")},
        {QStringLiteral("file"), QStringLiteral("lessons content put: the HTML file ('-': stdin)."),
         QStringLiteral("path")},
        {QStringLiteral("dry-run"), QStringLiteral("lessons import: check and say what would change, writing "
                                                   "nothing.")},
        {QStringLiteral("email"), QStringLiteral("users add, login, profiles add: the email address."), QStringLiteral("email")},
        {QStringLiteral("username"), QStringLiteral("users add: the display name."), QStringLiteral("name")},
        {QStringLiteral("role"), QStringLiteral("users add: admin, editor, support or learner."),
         QStringLiteral("role")},
        {QStringLiteral("users"), QStringLiteral("generate: how many users."), QStringLiteral("n")},
        {QStringLiteral("lessons"), QStringLiteral("generate: how many lessons."), QStringLiteral("n")},
        {QStringLiteral("progress"), QStringLiteral("generate: how many progress rows (at most users x lessons)."),
         QStringLiteral("n")},
        {QStringLiteral("tracks"), QStringLiteral("generate: over how many tracks the lessons spread (default: "
                                                  "one per 25 lessons, 1 to 12)."), QStringLiteral("n")},
        {QStringLiteral("seed"), QStringLiteral("generate: the seed every value derives from (default: random, "
                                                "printed)."), QStringLiteral("s")},
        {QStringLiteral("user"), QStringLiteral("progress list/export: one learner's rows."), QStringLiteral("id")},
        {QStringLiteral("lesson"), QStringLiteral("progress list/export: one lesson's rows."), QStringLiteral("id")},
        {QStringLiteral("completed"), QStringLiteral("progress list/export: only completed rows (yes) or the others "
                                                     "(no); progress set: the new value."), QStringLiteral("yes|no")},
        {QStringLiteral("min-score"), QStringLiteral("progress list/export: scores from N."), QStringLiteral("n")},
        {QStringLiteral("max-score"), QStringLiteral("progress list/export: scores up to N."), QStringLiteral("n")},
        {QStringLiteral("from"), QStringLiteral("progress list/export/stats: completed at or after (date or ISO-8601 "
                                                "time)."), QStringLiteral("date")},
        {QStringLiteral("to"), QStringLiteral("progress list/export/stats: completed before (a date alone: up to its "
                                              "end)."), QStringLiteral("date")},
        {QStringLiteral("limit"), QStringLiteral("progress/uploads list: how many rows (1-10,000, default 50)."),
         QStringLiteral("n")},
        {QStringLiteral("completions"), QStringLiteral("progress stats: completions per day, week or month."),
         QStringLiteral("bucket")},
        {QStringLiteral("score"), QStringLiteral("progress set: the score, 0 to 100."), QStringLiteral("n")},
        {QStringLiteral("completed-at"), QStringLiteral("progress set: when it was completed (ISO-8601, not in the "
                                                        "future)."), QStringLiteral("time")},
        {QStringLiteral("depth"), QStringLiteral("bench-progress: how deep the second page is (default 10,000)."),
         QStringLiteral("n")},
        {QStringLiteral("repeat"), QStringLiteral("bench-progress: timed runs of each query (default 7)."),
         QStringLiteral("n")},
        {QStringLiteral("prefix"), QStringLiteral("uploads list: keys starting with this; uploads put: the folder "
                                                  "the files go to (\"docs/\")."), QStringLiteral("prefix")},
        {QStringLiteral("type"), QStringLiteral("uploads list: a content type, or a family ending in / (image/)."),
         QStringLiteral("type")},
        {QStringLiteral("key"), QStringLiteral("uploads put: the key of the one file."), QStringLiteral("key")},
        {QStringLiteral("content-type"), QStringLiteral("uploads put: the content type (default: detected)."),
         QStringLiteral("type")},
        {QStringLiteral("range"), QStringLiteral("uploads get: bytes FIRST-LAST (from 0, LAST included) or FIRST-."),
         QStringLiteral("range")},
        {QStringLiteral("valid-only"), QStringLiteral("progress import: import the rows without problems, skip the "
                                                      "others.")},
    });
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("What to do (see Commands above)."),
                                 QStringLiteral("command [arguments]"));
}

} // namespace edge::cli
