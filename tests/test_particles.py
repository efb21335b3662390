"""Korean particles after values take the form the value's last sound needs."""
import pytest

from playground.i18n.particles import particles


@pytest.mark.parametrize("value, particle", [
    ("784", "를"), ("30x16", "을"), ("(1, 28, 28)", "을"), ("10", "을"), ("100", "을"), ("0", "을"),
    ("1.5", "를"), ("conv1", "을"), ("Dense", "를"), ("LSTM", "을"), ("GAN", "을"), ("ReLU", "를"),
    ("SimpleRNN", "을"), ("Adam", "을"), ("RMSProp", "을"), ("Softmax", "를"), ("Dropout", "을"),
    ("Embedding", "을"), ("Conv2D", "를"), ("Model", "을"), ("손실", "을"), ("노드", "를"),
])
def test_object_particle_follows_the_values_last_sound(value, particle):
    assert particles(f"{value}을(를) 받았습니다") == f"{value}{particle} 받았습니다"


@pytest.mark.parametrize("value, expected", [
    ("CSV", "CSV로"), ("PNG", "PNG로"), ("conv1", "conv1로"), ("Adam", "Adam으로"), ("16", "16으로"),
    ("/tmp/out", "/tmp/out으로"), ("모델", "모델로"), ("결과", "결과로"), ("손실", "손실로"), ("입력", "입력으로"),
])
def test_euro_becomes_ro_after_a_vowel_or_rieul(value, expected):
    assert particles(f"{value}(으)로 저장") == f"{expected} 저장"


def test_quotes_and_several_particles_in_one_message():
    text = particles("'d1'(이)라는 노드가 이미 있습니다; 'relu'(이)라는; lr = 0.5이(가) 최댓값 10보다 큽니다")
    assert text == "'d1'이라는 노드가 이미 있습니다; 'relu'라는; lr = 0.5가 최댓값 10보다 큽니다"
    assert particles("출력 'y'은(는) 128과(와) 같습니다") == "출력 'y'는 128과 같습니다"


def test_text_without_double_forms_is_left_alone():
    assert particles("Connect a to b (1, 2)") == "Connect a to b (1, 2)"
    assert particles("그래프를 저장했습니다") == "그래프를 저장했습니다"
