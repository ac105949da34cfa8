#include "dialogs/ConflictDialog.h"
#include "dialogs/MessageBoxes.h"
#include "editor/HtmlPreview.h"
#include "editor/LessonEditor.h"
#include "models/LessonsTableModel.h"
#include "connection/ConsoleAccess.h"
#include "pages/LessonsPage.h"
#include "session/StoreSession.h"
#include "support/ConsoleFixture.h"
#include "support/GuiTestSupport.h"
#include "window/MainWindow.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace edge;
using namespace edge::ui;
using testsupport::child;
using testsupport::finish;
using testsupport::rowShowing;

// The Lessons page and the lesson editor driven through their real widgets, offscreen,
// against a real temporary SQLite store (HTML files beside it): create with content and
// preview, undo, unsafe HTML, conflicts, publish, delete, filters, closing unsaved work.
class TestLessonsGui final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void createsALessonWithItsHtmlAndPreview();
    void undoWalksBackThroughTextAndFields();
    void unsafeHtmlIsOfferedForRemovalBeforeSaving();
    void conflictingSaveShowsTheirHtmlBesideMine();
    void overwriteAfterAConflictSavesMineOnTheirs();
    void closingWithUnsavedChangesAsksFirst();
    void publishesAndDeletesSeveralLessonsAtOnce();
    void filtersNarrowTheList();
    void supportStaffReadLessonsWithoutEditing();

private:
    Lesson addLesson(const QString &title, const QString &track, const QByteArray &html = {});
    LessonEditor *openEditorOf(const QString &title);
    LessonEditor *waitForEditor();
    void typeHtml(LessonEditor *editor, const QString &html);
    void selectRows(const QStringList &titles);
    QString storedHtml(const Lesson &lesson);
    QString storePath() const { return m_dir->filePath(QStringLiteral("store.db")); }

    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<testsupport::ConsoleFixture> m_console;
    MainWindow *m_window = nullptr;
    LessonsPage *m_page = nullptr;
    QTableView *m_table = nullptr;
};

void TestLessonsGui::initTestCase()
{
    QVERIFY(m_home.isValid());
    testsupport::isolateUserFiles(m_home.path());
}

void TestLessonsGui::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    MessageBoxes::clearShown();
    m_console = std::make_unique<testsupport::ConsoleFixture>();
    m_window = &m_console->window();
    QVERIFY(m_console->openStore(storePath()));
    auto *navigation = child<QListWidget>(m_window, "navigationList");
    QVERIFY(navigation);
    const QList<QListWidgetItem *> items = navigation->findItems(QStringLiteral("Lessons"), Qt::MatchExactly);
    QCOMPARE(items.size(), 1);
    navigation->setCurrentItem(items.first());
    QVERIFY(m_page = m_window->findChild<LessonsPage *>());
    QTRY_VERIFY(m_page->isVisible());
    QVERIFY(m_table = child<QTableView>(m_window, "lessonsTable"));
    QTRY_COMPARE(child<QLabel>(m_window, "lessonsTotalLabel")->text(), QStringLiteral("0 lessons"));
}

void TestLessonsGui::cleanup()
{
    for (LessonEditor *editor : m_window->findChildren<LessonEditor *>())
        delete editor; // unsaved work in a test is thrown away without asking
    m_console.reset();
    m_window = nullptr;
    m_page = nullptr;
    m_dir.reset();
}

Lesson TestLessonsGui::addLesson(const QString &title, const QString &track, const QByteArray &html)
{
    Services &services = m_console->services();
    Lesson lesson = finish(services.lessonCommands.create({title, track, 2, QStringLiteral("draft")}));
    if (!html.isEmpty())
        lesson = finish(services.lessonCommands.putContent({lesson.id, html, lesson.version}));
    return lesson;
}

LessonEditor *TestLessonsGui::waitForEditor()
{
    LessonEditor *editor = nullptr;
    [&] { QTRY_VERIFY((editor = m_window->findChild<LessonEditor *>()) && editor->isVisible() && !editor->isLoading()); }();
    if (editor && !testsupport::showActive(editor)) // its shortcuts (Ctrl+S, Ctrl+Z) need it active
        QTest::qFail("the editor window did not become active", __FILE__, __LINE__);
    return editor;
}

LessonEditor *TestLessonsGui::openEditorOf(const QString &title)
{
    selectRows({title});
    QTest::keyClick(m_table, Qt::Key_Return);
    return waitForEditor();
}

void TestLessonsGui::selectRows(const QStringList &titles)
{
    m_table->setFocus();
    m_table->clearSelection();
    for (const QString &title : titles) {
        int row = -1;
        [&] { QTRY_VERIFY((row = rowShowing(m_table->model(), title)) >= 0); }();
        m_table->selectionModel()->select(m_table->model()->index(row, 0),
                                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
        m_table->selectionModel()->setCurrentIndex(m_table->model()->index(row, 0), QItemSelectionModel::NoUpdate);
    }
}

void TestLessonsGui::typeHtml(LessonEditor *editor, const QString &html)
{
    QPlainTextEdit *source = editor->sourceEdit();
    source->setFocus();
    source->moveCursor(QTextCursor::End);
    const QStringList lines = html.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0)
            QTest::keyClick(source, Qt::Key_Return);
        QTest::keyClicks(source, lines.at(i));
    }
}

QString TestLessonsGui::storedHtml(const Lesson &lesson)
{
    const Lesson stored = finish(m_console->services().lessonQueries.get(lesson.id));
    return QString::fromUtf8(finish(m_console->services().lessonQueries.content(lesson.id, stored.version)).html);
}

void TestLessonsGui::createsALessonWithItsHtmlAndPreview()
{
    m_page->findChild<QAction *>(QStringLiteral("newLessonAction"))->trigger();
    QPointer<LessonEditor> editor = waitForEditor();
    QVERIFY(editor);
    QTest::keyClicks(child<QLineEdit>(editor, "titleEdit"), QStringLiteral("Intro to HTML"));
    QTest::keyClicks(child<QLineEdit>(editor, "trackEdit"), QStringLiteral("web"));
    typeHtml(editor, QStringLiteral("<h1>Welcome</h1><p>Tags are <b>fun</b>"));
    editor->sourceEdit()->insertPlainText(QStringLiteral(" – naïve café</p>")); // pasted: keys are Latin-1 only

    // The preview follows the source; the title says there is something unsaved.
    QTRY_VERIFY(child<HtmlPreview>(editor, "htmlPreview")->toPlainText().contains(QStringLiteral("Tags are fun")));
    QVERIFY(editor->isWindowModified());

    QTest::keyClick(editor->sourceEdit(), Qt::Key_S, Qt::ControlModifier);
    QTRY_VERIFY(editor->lesson().has_value() && !editor->isWindowModified());
    QVERIFY(editor->isVisible()); // Ctrl+S saves and goes on editing
    const Lesson saved = *editor->lesson();
    QCOMPARE(saved.title, QStringLiteral("Intro to HTML"));
    QVERIFY(saved.hasContent);
    QCOMPARE(storedHtml(saved), QStringLiteral("<h1>Welcome</h1><p>Tags are <b>fun</b> – naïve café</p>"));

    QTRY_VERIFY(rowShowing(m_table->model(), QStringLiteral("Intro to HTML")) >= 0);
    QTRY_COMPARE(child<QLabel>(m_window, "lessonsTotalLabel")->text(), QStringLiteral("1 lesson"));
    testsupport::snapshot(editor, QStringLiteral("lesson-editor"));
}

void TestLessonsGui::undoWalksBackThroughTextAndFields()
{
    addLesson(QStringLiteral("Undo me"), QStringLiteral("web"), "<p>Start</p>");
    QPointer<LessonEditor> editor = openEditorOf(QStringLiteral("Undo me"));
    QVERIFY(editor);
    QVERIFY(!editor->isWindowModified());
    auto *title = child<QLineEdit>(editor, "titleEdit");
    title->setFocus();
    title->end(false);
    QTest::keyClicks(title, QStringLiteral(" now"));
    typeHtml(editor, QStringLiteral("<p>More</p>"));
    QTRY_VERIFY(editor->isWindowModified());

    // Ctrl+Z in the text: the text first, then the title, in the order they were made.
    QTest::keyClick(editor->sourceEdit(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(editor->sourceEdit()->toPlainText(), QStringLiteral("<p>Start</p>"));
    QCOMPARE(title->text(), QStringLiteral("Undo me now"));
    QTest::keyClick(editor->sourceEdit(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(title->text(), QStringLiteral("Undo me"));
    QTRY_VERIFY(!editor->isWindowModified()); // back where it was loaded: nothing unsaved

    // Redo brings both back.
    QTest::keyClick(editor->sourceEdit(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QTest::keyClick(editor->sourceEdit(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(title->text(), QStringLiteral("Undo me now"));
    QCOMPARE(editor->sourceEdit()->toPlainText(), QStringLiteral("<p>Start</p><p>More</p>"));
    QVERIFY(editor->isWindowModified());
}

void TestLessonsGui::unsafeHtmlIsOfferedForRemovalBeforeSaving()
{
    const Lesson lesson = addLesson(QStringLiteral("Risky"), QStringLiteral("web"), "<p>Safe</p>");
    QPointer<LessonEditor> editor = openEditorOf(QStringLiteral("Risky"));
    QVERIFY(editor);
    typeHtml(editor, QStringLiteral("\n<a href=\"javascript:steal()\" onclick=\"x()\">go</a><script>alert(1)</script>"));

    MessageBoxes::setNextAnswer(QMessageBox::Yes); // "Remove them and save"
    QTest::keyClick(editor->sourceEdit(), Qt::Key_S, Qt::ControlModifier);
    QTRY_VERIFY(!editor->isWindowModified());
    QVERIFY2(MessageBoxes::lastText().contains(QStringLiteral("<script>")), qPrintable(MessageBoxes::lastText()));
    const QString stored = storedHtml(lesson);
    QVERIFY2(!stored.contains(QStringLiteral("script")) && !stored.contains(QStringLiteral("onclick"))
                 && !stored.contains(QStringLiteral("javascript:")),
             qPrintable(stored));
    QVERIFY2(stored.contains(QStringLiteral("<p>Safe</p>")) && stored.contains(QStringLiteral(">go</a>")), qPrintable(stored));
    // Removing them was one edit: undo brings the text as typed back into the editor.
    QTest::keyClick(editor->sourceEdit(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(editor->sourceEdit()->toPlainText().contains(QStringLiteral("<script>")));
}

void TestLessonsGui::conflictingSaveShowsTheirHtmlBesideMine()
{
    const Lesson lesson = addLesson(QStringLiteral("Shared"), QStringLiteral("web"), "<p>one</p>\n<p>two</p>");
    QPointer<LessonEditor> editor = openEditorOf(QStringLiteral("Shared"));
    QVERIFY(editor);
    // Someone else saves first (another window, another console).
    finish(m_console->services().lessonCommands.putContent({lesson.id, "<p>one</p>\n<p>THEIRS</p>", lesson.version}));

    typeHtml(editor, QStringLiteral("\n<p>mine</p>"));
    QTest::keyClick(editor->sourceEdit(), Qt::Key_S, Qt::ControlModifier);
    ConflictDialog *conflict = nullptr;
    QTRY_VERIFY((conflict = editor->findChild<ConflictDialog *>()) && conflict->isVisible());
    QVERIFY(child<QWidget>(conflict, "conflictTextDiff"));
    QCOMPARE(child<QPlainTextEdit>(conflict, "theirText")->toPlainText(), QStringLiteral("<p>one</p>\n<p>THEIRS</p>"));
    QCOMPARE(child<QPlainTextEdit>(conflict, "myText")->toPlainText(), QStringLiteral("<p>one</p>\n<p>two</p>\n<p>mine</p>"));
    testsupport::snapshot(conflict, QStringLiteral("lesson-conflict"));
    QCOMPARE(storedHtml(lesson), QStringLiteral("<p>one</p>\n<p>THEIRS</p>")); // nothing overwritten

    // Reload theirs: the editor shows their HTML, and a save now goes on top of it.
    QTest::mouseClick(child<QPushButton>(conflict, "reloadButton"), Qt::LeftButton);
    QTRY_COMPARE(editor->sourceEdit()->toPlainText(), QStringLiteral("<p>one</p>\n<p>THEIRS</p>"));
    QVERIFY(!editor->isWindowModified());
    QCOMPARE(editor->lesson()->version, lesson.version + 1);
}

void TestLessonsGui::overwriteAfterAConflictSavesMineOnTheirs()
{
    const Lesson lesson = addLesson(QStringLiteral("Contested"), QStringLiteral("web"), "<p>v1</p>");
    QPointer<LessonEditor> editor = openEditorOf(QStringLiteral("Contested"));
    QVERIFY(editor);
    UpdateLessonCommand theirs{lesson.id, lesson.version, QStringLiteral("Contested (theirs)")};
    finish(m_console->services().lessonCommands.update(theirs));

    typeHtml(editor, QStringLiteral("<p>mine</p>"));
    QTest::keyClick(editor->sourceEdit(), Qt::Key_S, Qt::ControlModifier);
    ConflictDialog *conflict = nullptr;
    QTRY_VERIFY((conflict = editor->findChild<ConflictDialog *>()) && conflict->isVisible());
    MessageBoxes::setNextAnswer(QMessageBox::Yes); // "Overwrite" when asked to confirm
    QTest::mouseClick(child<QPushButton>(conflict, "overwriteButton"), Qt::LeftButton);
    QTRY_VERIFY(!editor->isWindowModified());
    const Lesson stored = finish(m_console->services().lessonQueries.get(lesson.id));
    QCOMPARE(stored.title, QStringLiteral("Contested")); // my title, deliberately over theirs
    QCOMPARE(storedHtml(lesson), QStringLiteral("<p>v1</p><p>mine</p>"));
}

void TestLessonsGui::closingWithUnsavedChangesAsksFirst()
{
    const Lesson lesson = addLesson(QStringLiteral("Half done"), QStringLiteral("web"), "<p>x</p>");
    QPointer<LessonEditor> editor = openEditorOf(QStringLiteral("Half done"));
    QVERIFY(editor);
    typeHtml(editor, QStringLiteral("<p>y</p>"));

    MessageBoxes::setNextAnswer(QMessageBox::Cancel);
    editor->close();
    QTRY_VERIFY(MessageBoxes::lastText().contains(QStringLiteral("Save the changes")));
    QVERIFY(testsupport::letQueuedWorkRun());
    QVERIFY(editor && editor->isVisible()); // cancelled: still editing

    MessageBoxes::setNextAnswer(QMessageBox::Save);
    editor->close();
    QTRY_VERIFY(!editor); // saved, then closed
    QCOMPARE(storedHtml(lesson), QStringLiteral("<p>x</p><p>y</p>"));
}

void TestLessonsGui::publishesAndDeletesSeveralLessonsAtOnce()
{
    addLesson(QStringLiteral("First"), QStringLiteral("web"));
    addLesson(QStringLiteral("Second"), QStringLiteral("web"), "<p>2</p>");
    addLesson(QStringLiteral("Third"), QStringLiteral("web"));
    QTRY_COMPARE(child<QLabel>(m_window, "lessonsTotalLabel")->text(), QStringLiteral("3 lessons"));

    selectRows({QStringLiteral("First"), QStringLiteral("Second")});
    QTRY_VERIFY(m_page->findChild<QAction *>(QStringLiteral("publishLessonAction"))->isEnabled());
    m_page->findChild<QAction *>(QStringLiteral("publishLessonAction"))->trigger();
    const auto statusOf = [this](const QString &title) {
        const int row = rowShowing(m_table->model(), title);
        return row < 0 ? QString() : m_table->model()->index(row, LessonsTableModel::StatusColumn).data().toString();
    };
    QTRY_COMPARE(statusOf(QStringLiteral("First")), QStringLiteral("Published"));
    QTRY_COMPARE(statusOf(QStringLiteral("Second")), QStringLiteral("Published"));
    QCOMPARE(statusOf(QStringLiteral("Third")), QStringLiteral("Draft"));

    selectRows({QStringLiteral("First"), QStringLiteral("Third")});
    QTRY_VERIFY(m_page->findChild<QAction *>(QStringLiteral("deleteLessonAction"))->isEnabled());
    MessageBoxes::setNextAnswer(QMessageBox::No);
    m_page->findChild<QAction *>(QStringLiteral("deleteLessonAction"))->trigger();
    QTRY_VERIFY(MessageBoxes::lastText().contains(QStringLiteral("Delete these 2 lessons?")));
    QVERIFY2(MessageBoxes::lastText().contains(QStringLiteral("No learner has progress")), qPrintable(MessageBoxes::lastText()));
    QVERIFY(testsupport::letQueuedWorkRun());
    QCOMPARE(child<QLabel>(m_window, "lessonsTotalLabel")->text(), QStringLiteral("3 lessons")); // kept

    MessageBoxes::setNextAnswer(QMessageBox::Yes);
    m_page->findChild<QAction *>(QStringLiteral("deleteLessonAction"))->trigger();
    QTRY_COMPARE(child<QLabel>(m_window, "lessonsTotalLabel")->text(), QStringLiteral("1 lesson"));
    QTRY_VERIFY(rowShowing(m_table->model(), QStringLiteral("Second")) >= 0); // the rows may follow the count
}

void TestLessonsGui::filtersNarrowTheList()
{
    const Lesson a = addLesson(QStringLiteral("CSS grids"), QStringLiteral("web"));
    addLesson(QStringLiteral("Loops"), QStringLiteral("python"));
    addLesson(QStringLiteral("CSS colours"), QStringLiteral("design"));
    finish(m_console->services().lessonCommands.setStatus(a, LessonStatus::Published));
    QTRY_COMPARE(m_table->model()->rowCount(), 3);

    auto *status = child<QComboBox>(m_window, "lessonsStatusFilter");
    status->setCurrentIndex(status->findText(QStringLiteral("Published")));
    QTRY_COMPARE(m_table->model()->rowCount(), 1);
    QTRY_COMPARE(child<QLabel>(m_window, "lessonsTotalLabel")->text(), QStringLiteral("1 match"));
    status->setCurrentIndex(0);
    QTRY_COMPARE(m_table->model()->rowCount(), 3);

    auto *search = child<QLineEdit>(m_window, "lessonsSearchEdit");
    QTest::keyClicks(search, QStringLiteral("css"));
    QTRY_COMPARE(m_table->model()->rowCount(), 2);
    auto *track = child<QComboBox>(m_window, "lessonsTrackFilter");
    track->setEditText(QStringLiteral("design"));
    QTRY_COMPARE(m_table->model()->rowCount(), 1);
    QVERIFY(rowShowing(m_table->model(), QStringLiteral("CSS colours")) >= 0);
    testsupport::snapshot(m_window, QStringLiteral("lessons-filtered"));
}

void TestLessonsGui::supportStaffReadLessonsWithoutEditing()
{
    addLesson(QStringLiteral("Read me"), QStringLiteral("web"), "<p>Hello</p>");
    m_window->applyAccess(ConsoleAccess::forRole(Role::Support));
    QVERIFY(!m_page->findChild<QAction *>(QStringLiteral("newLessonAction"))->isVisible());
    QPointer<LessonEditor> editor = openEditorOf(QStringLiteral("Read me"));
    QVERIFY(editor);
    QVERIFY(editor->isReadOnly());
    QCOMPARE(editor->sourceEdit()->toPlainText(), QStringLiteral("<p>Hello</p>")); // they can read it
    QVERIFY(editor->sourceEdit()->isReadOnly());
    QVERIFY(child<QLineEdit>(editor, "titleEdit")->isReadOnly());
    QVERIFY(!child<QPushButton>(editor, "saveButton")->isVisible());
    QTest::keyClicks(editor->sourceEdit(), QStringLiteral("x"));
    QCOMPARE(editor->sourceEdit()->toPlainText(), QStringLiteral("<p>Hello</p>"));
    editor->close(); // nothing to lose: no question
    QTRY_VERIFY(!editor);
}

QTEST_MAIN(TestLessonsGui)
#include "tst_lessonsgui.moc"
