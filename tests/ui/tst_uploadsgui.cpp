#include "application/uploads/TransferQueue.h"
#include "dialogs/FileDialogs.h"
#include "dialogs/MessageBoxes.h"
#include "models/TransferQueueModel.h"
#include "models/UploadsTableModel.h"
#include "pages/TransfersPane.h"
#include "pages/UploadFilterBar.h"
#include "pages/UploadPreviewPane.h"
#include "pages/UploadsPage.h"
#include "support/ConsoleFixture.h"
#include "support/GuiTestSupport.h"

#include <QAction>
#include <QBuffer>
#include <QClipboard>
#include <QCryptographicHash>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace edge;
using namespace edge::ui;
using testsupport::child;
using testsupport::finish;

// The Uploads page in the whole console on a real embedded store (SQLite and blob files):
// files dropped on the page are uploaded through the transfer queue into the folder shown
// and appear in the list; images and text are previewed; a download writes the same bytes;
// deleting asks first; editors may upload but not delete; a name with a control or bidi
// character is refused and nothing is stored.
class TestUploadsGui final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void droppedFileIsUploadedIntoTheFolderShown();
    void previewsImagesAndText();
    void downloadWritesTheSameBytes();
    void deleteAsksFirstThenDeletesTheSelection();
    void editorsUploadButOnlySupportDeletes();
    void badNameIsRefusedAndNothingStored_data();
    void badNameIsRefusedAndNothingStored();
    void copyKeyPutsItOnTheClipboard();
    void quittingWithTransfersRunningAsksFirst();
    void droppedFolderKeepsItsStructure();
    void pausedUploadResumesAfterARestart();
    void cancellingAnUploadAsksAndAbandonsIt();

private:
    UploadsPage *page() const;
    QString writeLocalFile(const QString &name, const QByteArray &bytes);
    Upload store(const QString &key, const QByteArray &bytes, const QString &contentType);
    void drop(const QStringList &paths);
    bool select(const QString &key);
    int storedFileCount();

    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<testsupport::ConsoleFixture> m_console;
};

void TestUploadsGui::initTestCase()
{
    QVERIFY(m_home.isValid());
    testsupport::isolateUserFiles(m_home.path());
}

UploadsPage *TestUploadsGui::page() const
{
    for (ConsolePage *candidate : m_console->window().pages())
        if (auto *uploads = qobject_cast<UploadsPage *>(candidate))
            return uploads;
    return nullptr;
}

void TestUploadsGui::init()
{
    MessageBoxes::clearShown();
    m_dir = std::make_unique<QTemporaryDir>();
    m_console = std::make_unique<testsupport::ConsoleFixture>(false);
    QVERIFY(m_console->openStore(m_dir->filePath(QStringLiteral("store.db"))));
    QVERIFY(page());
    auto *navigation = m_console->window().findChild<QListWidget *>(QStringLiteral("navigationList"));
    navigation->setCurrentRow(int(m_console->window().pages().indexOf(page())));
    QTRY_VERIFY(page()->isVisible());
}

void TestUploadsGui::cleanup()
{
    m_console.reset();
    m_dir.reset();
}

QString TestUploadsGui::writeLocalFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write the test file");
    return path;
}

Upload TestUploadsGui::store(const QString &key, const QByteArray &bytes, const QString &contentType)
{
    PutUploadCommand command;
    command.naming = UploadNaming(key, Upload::baseNameOf(key), contentType);
    command.source = UploadSource::bytes(bytes);
    return finish(m_console->services().uploadCommands.put(command));
}

void TestUploadsGui::drop(const QStringList &paths)
{
    auto *mime = new QMimeData;
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls.append(QUrl::fromLocalFile(path));
    mime->setUrls(urls);
    // Onto the list, as from a file manager: the table passes it up to the page.
    QWidget *target = page()->table()->viewport();
    const QPointF where = QRectF(target->rect()).center();
    QDragEnterEvent enter(where.toPoint(), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent dropped(where, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &dropped);
    QVERIFY(dropped.isAccepted());
    delete mime;
}

bool TestUploadsGui::select(const QString &key)
{
    UploadsTableModel *model = page()->uploadsModel();
    const QModelIndex index = model->indexOfRow(key);
    if (!index.isValid())
        return false;
    page()->table()->setCurrentIndex(index);
    return true;
}

int TestUploadsGui::storedFileCount()
{
    UploadListQuery query;
    query.limit = 200;
    return int(finish(m_console->services().uploadQueries.list(query)).items.size());
}

void TestUploadsGui::droppedFileIsUploadedIntoTheFolderShown()
{
    UploadsPage *uploads = page();
    uploads->filterBar()->setFolder(QStringLiteral("handouts"));
    QCOMPARE(uploads->filterBar()->folder(), QStringLiteral("handouts/"));
    const QByteArray bytes = QByteArrayLiteral("Week 1: joins and indexes.\n").repeated(1000);
    const QString path = writeLocalFile(QStringLiteral("week1.txt"), bytes);

    drop({path});
    TransferQueueModel *transfers = uploads->transfersPane()->model();
    QTRY_COMPARE(transfers->rowCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(transfers->statusAt(0).state, TransferState::Completed, 20000);
    QCOMPARE(transfers->statusAt(0).key, QStringLiteral("handouts/week1.txt"));
    QCOMPARE(transfers->statusAt(0).bytesDone, qint64(bytes.size()));
    QCOMPARE(transfers->index(0, TransferQueueModel::StateColumn).data().toString(), QStringLiteral("Done"));

    // It appears in the list (the folder shown), with its size and type.
    UploadsTableModel *model = uploads->uploadsModel();
    QTRY_VERIFY(model->indexOfRow(QStringLiteral("handouts/week1.txt")).isValid());
    const int row = model->indexOfRow(QStringLiteral("handouts/week1.txt")).row();
    QCOMPARE(model->uploadAt(row)->size, qint64(bytes.size()));
    QVERIFY2(model->uploadAt(row)->contentType.startsWith(QLatin1String("text/plain")),
             qPrintable(model->uploadAt(row)->contentType));
    auto *total = child<QLabel>(uploads, "uploadsTotalLabel");
    QVERIFY(total);
    QTRY_COMPARE(total->text(), QStringLiteral("1 match"));

    // Stored whole, under the key, with the file's sha256.
    const Upload stored = finish(m_console->services().uploadQueries.get(QStringLiteral("handouts/week1.txt")));
    QCOMPARE(stored.sha256,
             QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
}

void TestUploadsGui::previewsImagesAndText()
{
    QImage picture(800, 600, QImage::Format_RGB32);
    picture.fill(Qt::darkCyan);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(picture.save(&buffer, "PNG"));
    store(QStringLiteral("images/diagram.png"), png, QStringLiteral("image/png"));
    store(QStringLiteral("notes/readme.txt"), QByteArrayLiteral("Hello, learners!\nSecond line."),
          QStringLiteral("text/plain; charset=utf-8"));
    store(QStringLiteral("docs/guide.pdf"), QByteArrayLiteral("%PDF-1.4"), QStringLiteral("application/pdf"));

    UploadsPage *uploads = page();
    UploadPreviewPane *preview = uploads->previewPane();
    QTRY_COMPARE(uploads->uploadsModel()->rowCount(), 3);

    QSignalSpy shown(preview, &UploadPreviewPane::previewShown);
    QVERIFY(select(QStringLiteral("images/diagram.png")));
    QTRY_COMPARE(preview->previewKind(), QStringLiteral("image"));
    QCOMPARE(preview->previewImageSize(), QSize(360, 270)); // scaled into the pane, aspect kept
    QCOMPARE(child<QLabel>(preview, "uploadKeyLabel")->text(), QStringLiteral("images/diagram.png"));

    QVERIFY(select(QStringLiteral("notes/readme.txt")));
    QTRY_COMPARE(preview->previewKind(), QStringLiteral("text"));
    QCOMPARE(preview->previewText(), QStringLiteral("Hello, learners!\nSecond line."));

    QVERIFY(select(QStringLiteral("docs/guide.pdf")));
    QTRY_COMPARE(preview->previewKind(), QStringLiteral("message"));
    QVERIFY2(preview->previewText().contains(QLatin1String("No preview")), qPrintable(preview->previewText()));
    testsupport::snapshot(&m_console->window(), QStringLiteral("uploads-preview"));
}

void TestUploadsGui::downloadWritesTheSameBytes()
{
    QByteArray bytes(3 * 1024 * 1024 + 17, Qt::Uninitialized);
    for (qsizetype i = 0; i < bytes.size(); ++i)
        bytes[i] = char(QRandomGenerator::global()->bounded(256));
    store(QStringLiteral("media/clip.bin"), bytes, QStringLiteral("application/octet-stream"));
    UploadsPage *uploads = page();
    QTRY_VERIFY(uploads->uploadsModel()->indexOfRow(QStringLiteral("media/clip.bin")).isValid());
    QVERIFY(select(QStringLiteral("media/clip.bin")));

    const QString target = m_dir->filePath(QStringLiteral("downloaded.bin"));
    FileDialogs::setNextFileName(target);
    auto *download = child<QAction>(uploads, "downloadUploadAction");
    QVERIFY(download && download->isEnabled());
    download->trigger();
    TransferQueueModel *transfers = uploads->transfersPane()->model();
    QTRY_COMPARE(transfers->rowCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(transfers->statusAt(0).state, TransferState::Completed, 20000);
    QCOMPARE(transfers->statusAt(0).direction, TransferDirection::Download);
    QFile file(target);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.size(), bytes.size());
    QVERIFY(file.readAll() == bytes);
    QVERIFY(!QFile::exists(target + QStringLiteral(".part")));
}

void TestUploadsGui::deleteAsksFirstThenDeletesTheSelection()
{
    for (const char *name : {"a.txt", "b.txt", "c.txt", "keep.txt"})
        store(QStringLiteral("old/") + QLatin1String(name), QByteArrayLiteral("x"), QStringLiteral("text/plain"));
    UploadsPage *uploads = page();
    UploadsTableModel *model = uploads->uploadsModel();
    QTRY_COMPARE(model->rowCount(), 4);

    QTableView *table = uploads->table();
    table->selectionModel()->clearSelection();
    for (const char *name : {"a.txt", "b.txt", "c.txt"}) {
        const QModelIndex index = model->indexOfRow(QStringLiteral("old/") + QLatin1String(name));
        table->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    auto *remove = child<QAction>(uploads, "deleteUploadAction");
    QTRY_VERIFY(remove->isEnabled());

    // No: nothing happens.
    MessageBoxes::setNextAnswer(QMessageBox::No);
    remove->trigger();
    QTRY_COMPARE(MessageBoxes::shown().size(), 1);
    QVERIFY(testsupport::letQueuedWorkRun());
    QCOMPARE(storedFileCount(), 4);
    const QString question = MessageBoxes::lastText();
    QVERIFY2(question.contains(QLatin1String("Delete 3 files")) && question.contains(QLatin1String("old/a.txt")),
             qPrintable(question));

    // Yes: the three go, from the store and the list; the fourth stays.
    MessageBoxes::setNextAnswer(QMessageBox::Yes);
    remove->trigger();
    QTRY_COMPARE(storedFileCount(), 1);
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(model->uploadAt(0)->key, QStringLiteral("old/keep.txt"));
    QCOMPARE(MessageBoxes::shown().size(), 2); // the question, no failure report
}

void TestUploadsGui::editorsUploadButOnlySupportDeletes()
{
    store(QStringLiteral("x.txt"), QByteArrayLiteral("x"), QStringLiteral("text/plain"));
    UploadsPage *uploads = page();
    QTRY_VERIFY(select(QStringLiteral("x.txt")));
    auto *upload = child<QAction>(uploads, "uploadFilesAction");
    auto *remove = child<QAction>(uploads, "deleteUploadAction");

    uploads->setAccess(ConsoleAccess::forRole(Role::Editor));
    QVERIFY(uploads->isAvailableTo(ConsoleAccess::forRole(Role::Editor)));
    QVERIFY(upload->isVisible() && upload->isEnabled());
    QVERIFY(!remove->isVisible());
    QVERIFY(!remove->isEnabled());

    uploads->setAccess(ConsoleAccess::forRole(Role::Support));
    QVERIFY(upload->isVisible() && upload->isEnabled());
    QVERIFY(remove->isVisible() && remove->isEnabled());

    QVERIFY(!uploads->isAvailableTo(ConsoleAccess::forRole(Role::Learner)));
}

void TestUploadsGui::badNameIsRefusedAndNothingStored_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("control character") << QStringLiteral("report\u0007.txt");
    QTest::newRow("bidi override") << QStringLiteral("invoice-\u202Etxt.exe");
}

void TestUploadsGui::badNameIsRefusedAndNothingStored()
{
    QFETCH(QString, name);
    const QString path = writeLocalFile(name, QByteArrayLiteral("content"));
    drop({path});
    TransferQueueModel *transfers = page()->transfersPane()->model();
    QTRY_COMPARE(transfers->rowCount(), 1);
    QTRY_COMPARE(transfers->statusAt(0).state, TransferState::Failed);
    const QString shown = transfers->index(0, TransferQueueModel::StateColumn).data().toString();
    QVERIFY2(shown.startsWith(QLatin1String("Failed: ")) && shown.size() > 10, qPrintable(shown));
    QVERIFY(testsupport::letQueuedWorkRun());
    QCOMPARE(storedFileCount(), 0);
}

void TestUploadsGui::copyKeyPutsItOnTheClipboard()
{
    store(QStringLiteral("docs/syllabus.md"), QByteArrayLiteral("# Syllabus"), QStringLiteral("text/markdown"));
    UploadsPage *uploads = page();
    QTRY_VERIFY(select(QStringLiteral("docs/syllabus.md")));
    auto *copy = child<QAction>(uploads, "copyUploadKeyAction");
    QVERIFY(copy->isEnabled());
    copy->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("docs/syllabus.md"));
}

void TestUploadsGui::quittingWithTransfersRunningAsksFirst()
{
    const QString path = writeLocalFile(QStringLiteral("slides.txt"), QByteArray(1024, 's'));
    UploadsPage *uploads = page();
    // Queued and not yet started: the event loop has not run since.
    uploads->uploadPaths({path});
    QVERIFY(!uploads->unfinishedWork().isEmpty());
    MessageBoxes::setNextAnswer(QMessageBox::No);
    m_console->window().close();
    QTRY_COMPARE(MessageBoxes::shown().size(), 1);
    QVERIFY2(MessageBoxes::lastText().contains(QLatin1String("1 transfer is not finished")),
             qPrintable(MessageBoxes::lastText()));
    QVERIFY(testsupport::letQueuedWorkRun());
    QVERIFY(m_console->window().isVisible()); // kept running

    MessageBoxes::setNextAnswer(QMessageBox::Yes);
    m_console->window().close();
    QTRY_VERIFY(!m_console->window().isVisible());
}

void TestUploadsGui::droppedFolderKeepsItsStructure()
{
    QDir root(m_dir->path());
    QVERIFY(root.mkpath(QStringLiteral("course/week1")));
    writeLocalFile(QStringLiteral("course/intro.txt"), QByteArrayLiteral("intro"));
    writeLocalFile(QStringLiteral("course/week1/joins.txt"), QByteArrayLiteral("joins"));
    page()->filterBar()->setFolder(QStringLiteral("sql"));
    drop({m_dir->filePath(QStringLiteral("course"))});
    TransferQueueModel *transfers = page()->transfersPane()->model();
    QTRY_COMPARE(transfers->rowCount(), 2);
    QTRY_VERIFY(transfers->statusAt(0).state == TransferState::Completed
                && transfers->statusAt(1).state == TransferState::Completed);
    UploadsTableModel *model = page()->uploadsModel();
    QTRY_VERIFY(model->indexOfRow(QStringLiteral("sql/course/intro.txt")).isValid());
    QTRY_VERIFY(model->indexOfRow(QStringLiteral("sql/course/week1/joins.txt")).isValid());
}

// Issue 10's "done means" in small: an upload stopped halfway (paused, the console closed)
// is still there when the console opens the store again and finishes without starting over.
void TestUploadsGui::pausedUploadResumesAfterARestart()
{
    QByteArray bytes(40 * 1024 * 1024, Qt::Uninitialized); // multipart: over the single-request limit
    for (qsizetype i = 0; i < bytes.size(); i += 4096)
        bytes[i] = char(QRandomGenerator::global()->bounded(256));
    const QString path = writeLocalFile(QStringLiteral("lecture.mp4"), bytes);
    const QString storePath = m_dir->filePath(QStringLiteral("store.db"));

    page()->uploadPaths({path});
    TransferQueueModel *transfers = page()->transfersPane()->model();
    QTRY_COMPARE(transfers->rowCount(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(transfers->statusAt(0).bytesDone > 0, 20000);
    page()->transfers().pause(transfers->statusAt(0).id);
    QTRY_COMPARE(transfers->statusAt(0).state, TransferState::Paused);
    QVERIFY(transfers->statusAt(0).bytesDone < bytes.size());
    QCOMPARE(storedFileCount(), 0); // nothing listed until it is whole
    // The pause reaches the journal on its disk thread; a console closed later keeps it.
    const QString location = m_console->services().backend().location();
    const auto journalSaysPaused = [this, &location] {
        const QList<PendingUpload> pending = finish(m_console->ports().transfers.load(location));
        return pending.size() == 1 && pending.first().paused;
    };
    QTRY_VERIFY(journalSaysPaused());

    m_console->restart(false);
    QVERIFY(m_console->openStore(storePath));
    transfers = page()->transfersPane()->model();
    QTRY_COMPARE(transfers->rowCount(), 1);
    const TransferStatus restored = transfers->statusAt(0);
    QVERIFY(restored.resumed);
    QCOMPARE(restored.state, TransferState::Paused); // the user had paused it: not started by itself
    QCOMPARE(restored.key, QStringLiteral("lecture.mp4"));

    page()->transfers().resume(restored.id);
    QTRY_COMPARE_WITH_TIMEOUT(transfers->statusAt(0).state, TransferState::Completed, 60000);
    const Upload stored = finish(m_console->services().uploadQueries.get(QStringLiteral("lecture.mp4")));
    QCOMPARE(stored.size, qint64(bytes.size()));
    QCOMPARE(stored.sha256,
             QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
}

void TestUploadsGui::cancellingAnUploadAsksAndAbandonsIt()
{
    const QString path = writeLocalFile(QStringLiteral("huge.bin"), QByteArray(40 * 1024 * 1024, 'h'));
    page()->uploadPaths({path});
    TransfersPane *pane = page()->transfersPane();
    TransferQueueModel *transfers = pane->model();
    QTRY_COMPARE(transfers->rowCount(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(transfers->statusAt(0).bytesDone > 0, 20000);
    page()->transfers().pause(transfers->statusAt(0).id);
    QTRY_COMPARE(transfers->statusAt(0).state, TransferState::Paused);

    pane->table()->selectRow(0);
    auto *cancel = child<QAction>(pane, "cancelTransferAction");
    QTRY_VERIFY(cancel->isEnabled());
    MessageBoxes::setNextAnswer(QMessageBox::No);
    cancel->trigger();
    QTRY_COMPARE(MessageBoxes::shown().size(), 1);
    QVERIFY2(MessageBoxes::lastText().contains(QLatin1String("Cancel 1 unfinished upload")),
             qPrintable(MessageBoxes::lastText()));
    QVERIFY(testsupport::letQueuedWorkRun());
    QCOMPARE(transfers->statusAt(0).state, TransferState::Paused); // kept

    MessageBoxes::setNextAnswer(QMessageBox::Yes);
    cancel->trigger();
    QTRY_COMPARE(transfers->statusAt(0).state, TransferState::Cancelled);
    const QString location = m_console->services().backend().location();
    QTRY_VERIFY(finish(m_console->ports().transfers.load(location)).isEmpty()); // abandoned, not kept
    QCOMPARE(storedFileCount(), 0);

    auto *clear = child<QAction>(pane, "clearTransfersAction");
    QTRY_VERIFY(clear->isEnabled());
    clear->trigger();
    QTRY_COMPARE(transfers->rowCount(), 0);
}

QTEST_MAIN(TestUploadsGui)
#include "tst_uploadsgui.moc"
