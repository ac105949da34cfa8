// edge-upload-bench: one transfer through the console's own upload code (TransferQueue over
// the Worker's HTTP store, exactly as the Uploads page runs it), timed from queueing to
// completion, with the process's peak resident memory. bench/uploads.sh runs it beside curl.
//
//   edge-upload-bench upload   API_URL TOKEN FILE KEY
//   edge-upload-bench download API_URL TOKEN KEY DESTINATION
//
// Prints "seconds <s>", "bytes <n>", "peak_rss_kib <k>" on success; the error and exit code 1
// otherwise. The token is a signed-in user's (the script signs in with curl).
#include "application/EventBus.h"
#include "application/Services.h"
#include "application/uploads/TransferQueue.h"
#include "infrastructure/local/FileTransferJournal.h"
#include "infrastructure/remote/RemoteBackend.h"
#include "infrastructure/remote/WorkerClient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

namespace {

// VmHWM: the most resident memory the process has had, in KiB.
qint64 peakResidentKib()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

bool finished(edge::TransferState state)
{
    using edge::TransferState;
    return state == TransferState::Completed || state == TransferState::Failed || state == TransferState::Cancelled;
}

int usage()
{
    std::fputs("usage: edge-upload-bench upload API_URL TOKEN FILE KEY\n"
               "       edge-upload-bench download API_URL TOKEN KEY DESTINATION\n", stderr);
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() != 5 || (args[0] != u"upload" && args[0] != u"download"))
        return usage();
    const bool upload = args[0] == u"upload";

    auto client = std::make_shared<edge::remote::WorkerClient>(QUrl(args[1]));
    client->setToken(args[2]);
    edge::EventBus events;
    auto services = std::make_shared<edge::Services>(std::make_unique<edge::remote::RemoteBackend>(client), events,
                                                     edge::Actor{});
    QTemporaryDir journalFolder;
    edge::FileTransferJournal journal(journalFolder.path());
    edge::TransferOptions options;
    options.resumeOnAttach = false;
    edge::TransferQueue queue(journal, options);
    queue.attach(services);

    QElapsedTimer clock;
    clock.start();
    const QString id = upload ? queue.addUpload(args[3], edge::UploadNaming(args[4]))
                              : queue.addDownload(args[3], args[4]);
    QObject::connect(&queue, &edge::TransferQueue::rowChanged, &app, [&](int row) {
        if (queue.status(row).id == id && finished(queue.status(row).state))
            app.quit();
    });
    const int row = queue.rowOf(id);
    if (row < 0 || !finished(queue.status(row).state))
        app.exec();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;

    const edge::TransferStatus status = queue.status(queue.rowOf(id));
    QTextStream out(stdout);
    if (status.state != edge::TransferState::Completed) {
        QTextStream(stderr) << "The transfer did not complete: " << status.error << '\n';
        return 1;
    }
    out << "seconds " << QString::number(seconds, 'f', 3) << '\n'
        << "bytes " << status.totalBytes << '\n'
        << "peak_rss_kib " << peakResidentKib() << '\n';
    return 0;
}
