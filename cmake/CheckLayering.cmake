# Fails when a file under UI_DIR includes infrastructure, SQL, network or keychain headers.
# The build already refuses most of these (edge_ui does not see them); this also catches
# system-wide headers such as QtKeychain's. Run as: cmake -DUI_DIR=<dir> -P CheckLayering.cmake
file(GLOB_RECURSE sources "${UI_DIR}/*.h" "${UI_DIR}/*.cpp")
set(forbidden "#[ \t]*include[ \t]*[<\"](infrastructure/|QtSql|QSql|QtNetwork|QNetwork|qt6keychain|keychain\\.h|sqlite3\\.h)")
set(found "")
foreach(source IN LISTS sources)
    file(STRINGS "${source}" lines REGEX "${forbidden}")
    foreach(line IN LISTS lines)
        string(APPEND found "  ${source}: ${line}\n")
    endforeach()
endforeach()
if(found)
    message(FATAL_ERROR "ui/ sees only the application layer, but these lines include more:\n${found}")
endif()
message(STATUS "ui/ includes only the application layer and Qt Widgets (${UI_DIR})")
