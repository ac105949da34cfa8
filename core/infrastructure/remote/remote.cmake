# Sources of the remote-mode infrastructure, added to the core library: the Worker API client,
# the keychain token store and the connection profiles.
target_sources(core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/ApiTypes.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ApiTypes.h
    ${CMAKE_CURRENT_LIST_DIR}/CancelToken.cpp
    ${CMAKE_CURRENT_LIST_DIR}/CancelToken.h
    ${CMAKE_CURRENT_LIST_DIR}/RemoteErrors.h
    ${CMAKE_CURRENT_LIST_DIR}/ResponseInterpreter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ResponseInterpreter.h
    ${CMAKE_CURRENT_LIST_DIR}/RetryPolicy.cpp
    ${CMAKE_CURRENT_LIST_DIR}/RetryPolicy.h
    ${CMAKE_CURRENT_LIST_DIR}/WorkerClient.cpp
    ${CMAKE_CURRENT_LIST_DIR}/WorkerClient.h
)
target_sources(core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/TokenStore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/TokenStore.h
)
target_sources(core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/ConnectionProfile.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ConnectionProfile.h
    ${CMAKE_CURRENT_LIST_DIR}/ProfileRepository.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ProfileRepository.h
)
