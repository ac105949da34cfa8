#include "application/EventBus.h"
#include "models/UploadRowSource.h"
#include "models/UploadsTableModel.h"
#include "support/FakeUserRepository.h"
#include "support/GuiTestSupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace edge;
using edge::test::FakeUploadStorage;
using edge::ui::PagedTableModel;
using edge::ui::UploadsTableModel;
using Call = FakeUploadStorage::Call;

// The Uploads table over the in-memory blob store: pages come by cursor as the view scrolls
// (the store cannot count), folder, search and type go into the store's query, the five
// sortable columns set the query's sort, a store refusing a sort is reported in words, and
// rows show what a reader needs.
class TestUploadsTableModel final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void readsPagesByCursorAsTheViewScrolls();
    void emptyStoreEndsAtOnce();
    void filtersGoIntoTheQuery();
    void sortGoesIntoTheQuery_data();
    void sortGoesIntoTheQuery();
    void uploaderAndShaCannotBeSorted();
    void refusedSortIsReportedInWords();
    void rowsShowWhatAReaderNeeds();
    void invisibleCharactersAreShownNotObeyed();

private:
    void seed(int files, const QString &folder = QStringLiteral("docs/"));
    Upload file(const QString &key, qint64 size, int secondsAgo) const;

    EventBus m_bus;
    FakeUploadStorage *m_uploads = nullptr; // owned by the services' backend
    std::shared_ptr<Services> m_services;
    UploadsTableModel *m_model = nullptr;
    QDateTime m_now = QDateTime::currentDateTimeUtc();
};

void TestUploadsTableModel::init()
{
    m_uploads = new FakeUploadStorage;
    m_services = std::make_shared<Services>(
        std::make_unique<FakeBackend>(new FakeUserRepository, new edge::test::FakeLessonRepository,
                                      new edge::test::FakeProgressRepository, m_uploads),
        m_bus, Actor{});
    m_model = new UploadsTableModel(this);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
}

void TestUploadsTableModel::cleanup()
{
    delete m_model;
    m_model = nullptr;
    m_services.reset();
    m_uploads = nullptr;
}

Upload TestUploadsTableModel::file(const QString &key, qint64 size, int secondsAgo) const
{
    Upload upload;
    upload.key = key;
    upload.size = size;
    upload.contentType = QStringLiteral("text/plain");
    upload.originalName = Upload::baseNameOf(key);
    upload.sha256 = QString(64, QLatin1Char('a'));
    upload.createdAt = m_now.addSecs(-secondsAgo);
    return upload;
}

void TestUploadsTableModel::seed(int files, const QString &folder)
{
    for (int i = 0; i < files; ++i)
        m_uploads->addFile(file(QStringLiteral("%1file-%2.txt").arg(folder).arg(i, 4, 10, QLatin1Char('0')), 10, i),
                           QByteArray(10, 'x'));
}

void TestUploadsTableModel::readsPagesByCursorAsTheViewScrolls()
{
    seed(450);
    QSignalSpy failures(m_model, &PagedTableModel::loadFailed);
    m_model->setServices(m_services);
    QCOMPARE(m_model->rowCount(), 0); // nothing is read synchronously
    QTRY_COMPARE(m_model->rowCount(), 200);
    QVERIFY(m_model->hasMoreRows());
    QVERIFY(!m_model->isCounted());
    QTRY_VERIFY(!m_model->isLoading()); // no count to wait for
    // Newest first: the fake's file-0000 is the newest.
    QCOMPARE(m_model->uploadAt(0)->key, QStringLiteral("docs/file-0000.txt"));

    // As a view scrolling to the end would (the model tester reads on by itself too).
    const auto scrolledTo = [this](int rows) {
        m_model->fetchMore({});
        return m_model->rowCount() == rows;
    };
    QTRY_VERIFY(scrolledTo(450));
    QCOMPARE(m_model->uploadAt(399)->key, QStringLiteral("docs/file-0399.txt"));
    QCOMPARE(m_model->uploadAt(449)->key, QStringLiteral("docs/file-0449.txt"));
    QVERIFY(!m_model->hasMoreRows());
    QVERIFY(!m_model->canFetchMore({}));
    QCOMPARE(m_uploads->calls(Call::List), 3); // one request per page, each by the previous cursor
    QCOMPARE(failures.count(), 0);
}

void TestUploadsTableModel::emptyStoreEndsAtOnce()
{
    QSignalSpy rows(m_model, &PagedTableModel::loadedRowsChanged);
    m_model->setServices(m_services);
    QTRY_COMPARE(rows.count(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->hasMoreRows());
    QVERIFY(!m_model->isLoading());
}

void TestUploadsTableModel::filtersGoIntoTheQuery()
{
    seed(3, QStringLiteral("docs/"));
    seed(2, QStringLiteral("images/"));
    m_model->setServices(m_services);
    QTRY_COMPARE(m_model->rowCount(), 5);
    QVERIFY(!m_model->isFiltered());

    m_model->setPrefix(QStringLiteral("images/"));
    QVERIFY(m_model->isFiltered());
    QCOMPARE(m_model->query().prefix, QStringLiteral("images/"));
    QTRY_COMPARE(m_model->rowCount(), 2);
    QVERIFY(m_model->uploadAt(0)->key.startsWith(QLatin1String("images/")));

    m_model->setFilters(QString(), QStringLiteral("  FILE-0001 "), QStringLiteral("text/"));
    QCOMPARE(m_model->query().search, QStringLiteral("FILE-0001")); // trimmed
    QCOMPARE(m_model->query().contentType, QStringLiteral("text/"));
    QTRY_COMPARE(m_model->rowCount(), 2); // docs/ and images/ file-0001

    const int lists = m_uploads->calls(Call::List);
    m_model->setFilters(QString(), QStringLiteral("FILE-0001"), QStringLiteral("text/")); // nothing changed
    QVERIFY(testsupport::letQueuedWorkRun());
    QCOMPARE(m_uploads->calls(Call::List), lists);
}

void TestUploadsTableModel::sortGoesIntoTheQuery_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("sort");
    QTest::newRow("name") << int(UploadsTableModel::KeyColumn) << int(UploadSort::Key);
    QTest::newRow("original name") << int(UploadsTableModel::OriginalNameColumn) << int(UploadSort::Name);
    QTest::newRow("size") << int(UploadsTableModel::SizeColumn) << int(UploadSort::Size);
    QTest::newRow("type") << int(UploadsTableModel::TypeColumn) << int(UploadSort::ContentType);
}

void TestUploadsTableModel::sortGoesIntoTheQuery()
{
    QFETCH(int, column);
    QFETCH(int, sort);
    seed(3);
    m_model->setServices(m_services);
    QTRY_COMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->query().sort, UploadSort::CreatedAt); // the Worker's default: newest first
    QVERIFY(m_model->query().descending);

    const int lists = m_uploads->calls(Call::List);
    QVERIFY(m_model->isSortable(column));
    m_model->sort(column, Qt::AscendingOrder);
    QCOMPARE(int(m_model->query().sort), sort);
    QVERIFY(!m_model->query().descending);
    QTRY_COMPARE(m_uploads->calls(Call::List), lists + 1); // read again from the top
    QTRY_COMPARE(m_model->rowCount(), 3);
}

void TestUploadsTableModel::uploaderAndShaCannotBeSorted()
{
    QVERIFY(!m_model->isSortable(UploadsTableModel::UploadedByColumn));
    QVERIFY(!m_model->isSortable(UploadsTableModel::Sha256Column));
    m_model->sort(UploadsTableModel::Sha256Column, Qt::AscendingOrder);
    QCOMPARE(m_model->query().sort, UploadSort::CreatedAt);
}

void TestUploadsTableModel::refusedSortIsReportedInWords()
{
    seed(3);
    m_model->setServices(m_services);
    QTRY_COMPARE(m_model->rowCount(), 3);
    QSignalSpy failures(m_model, &PagedTableModel::loadFailed);
    // The Worker lists newest first only (until it sorts): it names the field it refuses.
    m_uploads->failNext(Call::List, ValidationError(QStringLiteral("Invalid list query"),
                                                    {{QStringLiteral("sort"), QStringLiteral("must be createdAt")}}));
    m_model->sort(UploadsTableModel::SizeColumn, Qt::AscendingOrder);
    QTRY_COMPARE(failures.count(), 1);
    const QString message = failures.first().first().toString();
    QVERIFY2(message.contains(QLatin1String("cannot sort")) && message.contains(QLatin1String("must be createdAt")),
             qPrintable(message));
    QCOMPARE(m_model->rowCount(), 0);

    m_uploads->failNext(Call::List, ValidationError(QStringLiteral("Invalid list query"),
                                                    {{QStringLiteral("search"), QStringLiteral("not supported")}}));
    m_model->setSearch(QStringLiteral("file"));
    QTRY_COMPARE(failures.count(), 2);
    QVERIFY2(failures.last().first().toString().contains(QLatin1String("cannot search")),
             qPrintable(failures.last().first().toString()));
}

void TestUploadsTableModel::rowsShowWhatAReaderNeeds()
{
    Upload upload = file(QStringLiteral("docs/guide.pdf"), 1536, 0);
    upload.contentType = QStringLiteral("application/pdf");
    upload.originalName = QStringLiteral("Guide (final).pdf");
    upload.sha256 = QStringLiteral("0123456789abcdef").repeated(4);
    m_uploads->addFile(upload, QByteArray(1536, 'p'));
    Upload remote = file(QStringLiteral("big.bin"), 3LL * 1024 * 1024 * 1024, 10);
    remote.uploadedBy = QStringLiteral("u-support-1");
    remote.sha256.clear(); // a Worker multipart file
    m_uploads->addFile(remote, QByteArray());
    m_model->setServices(m_services);
    QTRY_COMPARE(m_model->rowCount(), 2);

    const auto text = [this](int row, int column) { return m_model->index(row, column).data().toString(); };
    QCOMPARE(text(0, UploadsTableModel::KeyColumn), QStringLiteral("docs/guide.pdf"));
    QCOMPARE(text(0, UploadsTableModel::OriginalNameColumn), QStringLiteral("Guide (final).pdf"));
    QCOMPARE(text(0, UploadsTableModel::SizeColumn), QStringLiteral("1.50 KiB"));
    QCOMPARE(m_model->index(0, UploadsTableModel::SizeColumn).data(PagedTableModel::UnderlyingDataRole).toLongLong(),
             1536);
    QCOMPARE(text(0, UploadsTableModel::TypeColumn), QStringLiteral("application/pdf"));
    QCOMPARE(text(0, UploadsTableModel::UploadedByColumn), QStringLiteral("(local)"));
    QCOMPARE(text(0, UploadsTableModel::Sha256Column), QStringLiteral("0123456789ab"));
    QCOMPARE(m_model->index(0, UploadsTableModel::Sha256Column).data(Qt::ToolTipRole).toString(), upload.sha256);
    QVERIFY(!text(0, UploadsTableModel::UploadedAtColumn).isEmpty());

    QCOMPARE(text(1, UploadsTableModel::SizeColumn), QStringLiteral("3.00 GiB"));
    QCOMPARE(text(1, UploadsTableModel::UploadedByColumn), QStringLiteral("u-support-1"));
    QCOMPARE(text(1, UploadsTableModel::Sha256Column), QStringLiteral("–"));
}

void TestUploadsTableModel::invisibleCharactersAreShownNotObeyed()
{
    // A key stored before the format-character rule (or by another tool).
    const QString sneaky = QStringLiteral("invoice-") + QChar(0x202E) + QStringLiteral("fdp.exe");
    m_uploads->addFile(file(sneaky, 5, 0), QByteArray(5, 'x'));
    m_model->setServices(m_services);
    QTRY_COMPARE(m_model->rowCount(), 1);
    const QString shown = m_model->index(0, UploadsTableModel::KeyColumn).data().toString();
    QVERIFY2(!shown.contains(QChar(0x202E)) && shown.contains(QLatin1String("U+202E")), qPrintable(shown));
    QCOMPARE(m_model->uploadAt(0)->key, sneaky); // the real key for actions
}

QTEST_MAIN(TestUploadsTableModel)
#include "tst_uploadstablemodel.moc"
